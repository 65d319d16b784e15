import { Router } from 'express';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { dayIn } from '../calendar';
import { linkSchool, openLink } from './service';

/** What a respondent's page needs to show the survey behind a link: public, no account. */
export function linkRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.get('/:token', async (req, res) => {
    const { link, campaign } = await openLink(store, req.params.token, dayIn(timeZone, new Date()));
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    res.set('Cache-Control', 'no-store');
    res.json({
      campaign: { title: campaign.title, closesOn: campaign.closesOn },
      school: await linkSchool(store, link),
      instrument: compiled.instrument,
    });
  });
  return router;
}
