// Test support: a real Mera (the app on a temp embedded store, builtin instruments registered, demo
// seeded when asked: see test-store.ts), and ways to find a seeded link. Everything is real: no mocks.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken } from '../../server/campaigns/links';
import { addDays } from '../../server/campaigns/dates';
import { openCampaign } from '../../server/campaigns/launch';
import { createCampaign } from '../../server/campaigns/planning';
import { dayIn } from '../../server/calendar';
import { schoolsCollection } from '../../server/schools/data';
import { withSchools } from './campaigns';
import { builtinInstruments } from './instruments';
import { openTestStore, type TestStore } from './test-store';

export interface TestMera extends TestStore {
  app: ReturnType<typeof createApp>;
}

/** A Mera on a store of its own; `seed: true` puts the demo cluster in it (a copy of the run's template where one fits). */
export async function startMera(options: Parameters<typeof openTestStore>[0] = {}): Promise<TestMera> {
  const opened = await openTestStore(options);
  const errors: unknown[] = [];
  const app = createApp({ config: opened.config, store: opened.store, log: (m, e) => errors.push([m, e]) });
  return { ...opened, app };
}

/** A Mera with the cluster's schools and nothing else (no demo campaigns). */
export async function startMeraWithSchools(options: Parameters<typeof openTestStore>[0] = {}): Promise<TestMera & { schoolIds: string[] }> {
  return withSchools(await startMera(options));
}

/** Listens on a free loopback port; returns the base URL and a stop function. */
export async function listen(app: TestMera['app']): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The token of a seeded campaign's link for the given instrument, status and school number. */
let freshYear = 2040;

/**
 * A school form's campaign opened today for every school, on a stage or reporting year of its own:
 * the demo's school forms are answered (one monitoring form per school and year) or closed by the
 * calendar's day, so a test that fills one in needs a campaign of its own, made as a coordinator would.
 */
async function freshSchoolFormCampaign(mera: TestMera, instrumentId: string) {
  const schoolIds = (await mera.store.collection(schoolsCollection).find({}, { sort: { _id: 1 } })).map((s) => s._id);
  const now = new Date();
  const today = dayIn(mera.config.timeZone, now);
  const year = freshYear++;
  const ctx = { actor: { kind: 'administrator' as const }, now, timeZone: mera.config.timeZone };
  const planned = await createCampaign(
    mera.store,
    {
      instrumentId,
      instrumentVersion: builtinInstruments.find((c) => c.instrument.id === instrumentId)!.instrument.version,
      audience: 'school-coordinators',
      schoolIds,
      opensOn: today,
      closesOn: addDays(today, 30),
      responsible: { name: 'Ирина Петровна Смирнова' },
      ...(instrumentId === 'school-checklist'
        ? { stage: 'october' as const }
        : { reportingYear: `${year}/${String((year + 1) % 100).padStart(2, '0')}` }),
    },
    ctx,
  );
  return openCampaign(mera.store, planned._id, { ...ctx, secret: await linkSecret(mera.store, mera.config.secret) });
}

export async function seededToken(
  mera: TestMera,
  instrumentId: string,
  status: 'open' | 'closed' = 'open',
  schoolIndex = 0,
): Promise<{ token: string; campaignId: string; schoolId: string }> {
  const schoolForm = builtinInstruments.find((c) => c.instrument.id === instrumentId)?.instrument.respondentType === 'school';
  const campaign =
    status === 'open' && schoolForm
      ? await freshSchoolFormCampaign(mera, instrumentId)
      : await mera.store.collection(campaignsCollection).findOne({ instrumentId, status });
  if (!campaign) throw new Error(`no ${status} ${instrumentId} campaign was seeded`);
  const links = await mera.store.collection(linksCollection).find({ campaignId: campaign._id }, { sort: { schoolId: 1 } });
  const link = links[schoolIndex];
  const secret = await linkSecret(mera.store, mera.config.secret);
  return { token: linkToken(secret, link._id), campaignId: campaign._id, schoolId: link.schoolId };
}
