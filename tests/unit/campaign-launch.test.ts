// Opening, closing and reopening campaigns through the service, on a real embedded store: which
// links are issued, what a link says before, during and after its days, and what is refused.
import { auditLog } from '../../server/campaigns/audit';
import { linksCollection } from '../../server/campaigns/data';
import { campaignLinks, closeCampaign, openCampaign, reopenCampaign } from '../../server/campaigns/launch';
import { createCampaign, loadCampaign } from '../../server/campaigns/planning';
import { openLink } from '../../server/campaigns/service';
import { Problem } from '../../server/errors';
import { instrumentsCollection } from '../../server/surveys/data';
import parentSurvey from '../../surveys/parent-survey.json';
import { contextAt, currentVersion, moscowNoon, parentPlan, storeWithSchools } from '../support/campaigns';

let mera: Awaited<ReturnType<typeof storeWithSchools>>;
beforeAll(async () => {
  mera = await storeWithSchools();
});
afterAll(() => mera.close());

const secret = 'k'.repeat(40);
const today = '2026-11-23';
const ctx = { ...contextAt(moscowNoon(today)), secret };
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as Problem,
  );

test('opening an anonymous survey issues one link per school, and one per class where classes are listed', async () => {
  const [a, b, c] = mera.schoolIds;
  const campaign = await createCampaign(
    mera.store,
    parentPlan([a, b, c], today, '2026-12-10', { classes: { [b]: ['9А', '9Б', '9В'] } }),
    ctx,
  );
  await openCampaign(mera.store, campaign._id, ctx);
  const links = await campaignLinks(mera.store, campaign._id, secret);
  expect(links.filter((l) => l.schoolId === a).map((l) => l.className)).toEqual([null]);
  expect(
    links
      .filter((l) => l.schoolId === b)
      .map((l) => l.className)
      .sort(),
  ).toEqual(['9А', '9Б', '9В']);
  expect(links).toHaveLength(5);
  // Only the token's hash is stored.
  const stored = await mera.store.collection(linksCollection).find({ campaignId: campaign._id });
  expect(JSON.stringify(stored)).not.toContain(links[0].token);
});

test('opening a non-anonymous campaign issues no links: its people answer signed in', async () => {
  const plan = {
    ...parentPlan(mera.schoolIds.slice(0, 2), today, '2026-12-10'),
    instrumentId: 'teacher-deficit',
    instrumentVersion: currentVersion('teacher-deficit'),
    audience: 'teachers' as const,
  };
  const campaign = await createCampaign(mera.store, plan, ctx);
  await openCampaign(mera.store, campaign._id, ctx);
  expect(await campaignLinks(mera.store, campaign._id, secret)).toEqual([]);
});

test('a link takes answers only from its opening day to its closing day, and says why not otherwise', async () => {
  const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), '2026-11-25', '2026-11-30'), ctx);
  await openCampaign(mera.store, campaign._id, ctx);
  const [{ token }] = await campaignLinks(mera.store, campaign._id, secret);
  expect(await refusal(openLink(mera.store, token, '2026-11-24'))).toMatchObject({
    status: 403,
    code: 'campaign.not_open',
    details: { opensOn: '2026-11-25', title: campaign.title },
  });
  await expect(openLink(mera.store, token, '2026-11-25')).resolves.toMatchObject({ campaign: { _id: campaign._id } });
  await expect(openLink(mera.store, token, '2026-11-30')).resolves.toMatchObject({ campaign: { _id: campaign._id } });
  expect(await refusal(openLink(mera.store, token, '2026-12-01'))).toMatchObject({
    status: 410,
    code: 'campaign.closed',
    details: { closedOn: '2026-11-30', title: campaign.title },
  });
});

test('opening twice, closing what is not open and reopening what is not closed are refused with 409', async () => {
  const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-11-30'), ctx);
  expect(await refusal(closeCampaign(mera.store, campaign._id, ctx))).toMatchObject({ status: 409, code: 'campaign.still_planned' });
  await openCampaign(mera.store, campaign._id, ctx);
  expect(await refusal(openCampaign(mera.store, campaign._id, ctx))).toMatchObject({ status: 409, code: 'campaign.not_planned' });
  expect(await refusal(reopenCampaign(mera.store, campaign._id, {}, ctx))).toMatchObject({ status: 409, code: 'campaign.not_closed' });
});

test('a campaign whose closing day has passed reopens only with a new closing day, and the reopening is recorded', async () => {
  const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-11-30'), ctx);
  await openCampaign(mera.store, campaign._id, ctx);
  const later = { ...contextAt(moscowNoon('2026-12-03')), secret };
  await closeCampaign(mera.store, campaign._id, later, { onlyWhenDue: true });
  expect(await refusal(reopenCampaign(mera.store, campaign._id, {}, later))).toMatchObject({ status: 400, field: 'closesOn' });
  const reopened = await reopenCampaign(mera.store, campaign._id, { closesOn: '2026-12-10' }, later);
  expect(reopened).toMatchObject({ status: 'open', closesOn: '2026-12-10' });
  expect(reopened.closesAt!.toISOString()).toBe('2026-12-10T21:00:00.000Z');
  expect(reopened.closedOn).toBeUndefined();
  const [{ token }] = await campaignLinks(mera.store, campaign._id, secret);
  await expect(openLink(mera.store, token, '2026-12-04')).resolves.toBeDefined();
  const log = await auditLog(mera.store, campaign._id);
  expect(log.map((e) => e.action)).toEqual(['created', 'opened', 'closed', 'reopened']);
  expect(log[3].changes).toEqual([
    { field: 'status', before: 'closed', after: 'open' },
    { field: 'closedOn', before: '2026-11-30', after: null },
    { field: 'closesOn', before: '2026-11-30', after: '2026-12-10' },
  ]);
  expect((await loadCampaign(mera.store, campaign._id)).revision).toBe(4);
});

test('a stored instrument version that no longer passes its checks cannot be planned', async () => {
  const broken = { ...parentSurvey, id: 'broken-survey', survey: { pages: [{ name: 'p1', elements: [{ type: 'rating', name: 'q1' }] }] } };
  await mera.store.collection(instrumentsCollection).insertOne({
    instrumentId: 'broken-survey',
    version: 1,
    respondentType: 'parent',
    anonymous: true,
    title: parentSurvey.title,
    definition: broken as never,
    contentHash: 'x',
    source: 'upload',
    addedAt: new Date(),
  });
  const problem = await refusal(
    createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-11-30', { instrumentId: 'broken-survey' }), ctx),
  );
  expect(problem).toMatchObject({ status: 409, code: 'campaign.instrument_invalid', field: 'instrumentVersion' });
});
