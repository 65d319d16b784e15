// The framework's routes: validate → policy → service → presenter, as every route.
import { Router } from 'express';
import type { Config } from '../config';
import { dayIn } from '../calendar';
import { now } from '../clock';
import { allow, requireAdministrator, signedIn } from '../http/auth';
import { validate } from '../http/validate';
import { frameworkFor, type FrameworkView } from './framework';
import { frameworkCsv, frameworkFileName, frameworkXlsx } from './framework-export';
import { frameworkApi as api } from './framework-schema';
import { frameworkReportPdf } from './framework-report';
import { pipeline } from 'node:stream/promises';
import { mayReadFramework } from './policies';
import { schoolYearOf } from './results';
import type { Store } from '../store';

/** What the framework route answers: the table as the service made it (cluster-wide readers only). */
const presentFramework = (view: FrameworkView): FrameworkView => view;

export function frameworkRoutes(store: Store, config: Pick<Config, 'adminToken' | 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  const yearOf = (asked: string | undefined) => asked ?? schoolYearOf({ opensOn: dayIn(config.timeZone, now()) });
  const read = (year: string) => frameworkFor(store, year, { minGroupSize: config.minGroupSize });

  router.get('/', validate(api.framework), async (req, res) => {
    allow(mayReadFramework(signedIn(req)), "Only the cluster's coordinators and administrators read the cluster's criteria table.");
    res.set('Cache-Control', 'no-store');
    res.json(presentFramework(await read(yearOf(req.query.year))));
  });
  router.get('/report.pdf', validate(api.report), async (req, res) => {
    allow(mayReadFramework(signedIn(req)), "Only the cluster's coordinators and administrators read the cluster's criteria table.");
    const locale = req.query.lang ?? 'ru';
    const view = presentFramework(await read(yearOf(req.query.year)));
    res.set('Cache-Control', 'no-store');
    res.attachment(frameworkFileName(view.year, 'pdf').replace('.pdf', locale === 'en' ? '-en.pdf' : '.pdf'));
    res.set('Content-Type', 'application/pdf');
    await pipeline(await frameworkReportPdf(view, locale, dayIn(config.timeZone, now())), res);
  });
  for (const [format, route] of [
    ['csv', api.csv],
    ['xlsx', api.xlsx],
  ] as const) {
    router.get(`/table.${format}`, validate(route), async (req, res) => {
      allow(mayReadFramework(signedIn(req)), "Only the cluster's coordinators and administrators read the cluster's criteria table.");
      const view = presentFramework(await read(yearOf(req.query.year)));
      res.set('Cache-Control', 'no-store');
      res.attachment(frameworkFileName(view.year, format));
      if (format === 'csv') {
        res.set('Content-Type', 'text/csv; charset=utf-8');
        res.send(frameworkCsv(view));
      } else {
        res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.send(await frameworkXlsx(view));
      }
    });
  }
  return router;
}
