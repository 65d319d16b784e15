// Issue 23, item 10, in the browser: a coordinator edits a plan that someone else changed meanwhile.
// The save is refused (409 with the campaign as it stands), the form shows the current plan, and the
// page says so in the page's language; nothing of the other change is lost.
import { schoolsCollection } from '../../server/schools/data';
import { createCampaign, loadCampaign, updateCampaign } from '../../server/campaigns/planning';
import { contextAt, parentPlan } from '../support/campaigns';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoAxeViolations, localDay, signIn } from '../support/pages';

const world = useSeededMeraInChromium();

test('a stale edit of a plan is refused, and the form shows the current plan with a sentence saying so, in Russian', async () => {
  const { store } = world.mera;
  const [school] = await store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  const now = new Date();
  const planned = await createCampaign(store, parentPlan([school._id], localDay(5), localDay(20)), contextAt(now));
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local');
  await page.goto(`${world.baseUrl}/campaigns?edit=${planned._id}`);
  const closing = page.getByLabel('День закрытия');
  await expect(closing.inputValue()).resolves.toBe(localDay(20));
  // Someone else moves the closing day while the form is open.
  await updateCampaign(store, planned._id, { closesOn: localDay(25) }, contextAt(now));
  await closing.fill(localDay(30));
  await page.getByRole('button', { name: 'Сохранить изменения' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/кампанию изменил кто-то другой/);
  await expect(closing.inputValue()).resolves.toBe(localDay(25));
  expect((await loadCampaign(store, planned._id)).closesOn).toBe(localDay(25));
  await expectNoAxeViolations(page);
  // Saved again on the plan as it stands, the change goes through.
  await closing.fill(localDay(30));
  await page.getByRole('button', { name: 'Сохранить изменения' }).click();
  await page.waitForURL((url) => url.searchParams.get('id') === planned._id);
  expect((await loadCampaign(store, planned._id)).closesOn).toBe(localDay(30));
  await context.close();
}, 90_000);
