// axe-core (WCAG 2.1 A and AA rules) over every state a respondent can see: the start page, an
// unknown address, a closed survey, each built-in instrument page by page and its thanks page,
// answered-before and offline-pending; each in Russian and English, on a phone and a desktop. Any
// violation of impact serious or critical fails the test and is listed with its nodes.
// Kept cheap: one browser, one page per device for the whole file, each state reached once and
// scanned in both languages by the page's own RU/EN switch, and axe-core injected once per
// document and run in place (no second page per scan, no passes collected).
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { findUserByEmail } from '../../server/accounts/service';
import { makeUser, PASSWORD } from '../support/accounts';
import { useSeededMeraInChromium } from '../support/e2e';
import { signIn } from '../support/pages';
import { builtinInstruments } from '../support/instruments';
import { seededToken } from '../support/mera';
import { consistentFigure } from '../support/answers';
import { answerQuestion, defaultPick } from '../support/survey-driver';

const world = useSeededMeraInChromium();

type Device = 'phone' | 'desktop';
type Lang = 'ru' | 'en';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page, state: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}) ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  }, wcagTags);
  return violations.map((v) => `${state}: ${v}`);
}

/** Switches the page's language with its own RU/EN buttons and waits until the page shows it. */
async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`.language-switch button[lang="${lang}"]`).click();
  await page.waitForFunction(
    (l) =>
      document.documentElement.lang === l &&
      document.querySelector(`.language-switch button[lang="${l}"]`)?.getAttribute('aria-pressed') === 'true',
    lang,
  );
  // One frame for survey-core's own re-render in the new language.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * Scans the state in Russian (where every page starts), then in English, and goes back to Russian.
 * Every page also has its <title> in the language shown.
 */
async function scanInBothLanguages(page: Page, state: string): Promise<string[]> {
  expect(await page.title()).toMatch(/ — Мера$/);
  const found = await seriousViolations(page, `${state} ru`);
  await switchLanguage(page, 'en');
  expect(await page.title()).toMatch(/ — Mera$/);
  found.push(...(await seriousViolations(page, `${state} en`)));
  await switchLanguage(page, 'ru');
  return found;
}

const devices: { device: Device; school: number }[] = [
  { device: 'phone', school: 6 },
  { device: 'desktop', school: 7 },
];

for (const { device, school } of devices) {
  describe(`on a ${device}`, () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await world.browser.newContext(
        device === 'phone'
          ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
          : { viewport: { width: 1280, height: 900 } },
      );
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    test(`the start page, an unknown address and a closed survey have no serious or critical axe violations in Russian and English (${device})`, async () => {
      const { token: closed } = await seededToken(world.mera, 'parent-survey', 'closed');
      const found: string[] = [];
      await page.goto(`${world.baseUrl}/`);
      await page.locator('h1').waitFor();
      await page.locator('.campaign-card').first().waitFor();
      found.push(...(await scanInBothLanguages(page, `start ${device}`)));
      const unknown = await page.goto(`${world.baseUrl}/no/such/page`);
      expect(unknown?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
      expect(await page.title()).toBe('Страница не найдена — Мера');
      found.push(...(await seriousViolations(page, `unknown ${device} ru`)));
      await switchLanguage(page, 'en');
      expect(await page.title()).toBe('Page not found — Mera');
      found.push(...(await seriousViolations(page, `unknown ${device} en`)));
      await switchLanguage(page, 'ru');
      await page.goto(`${world.baseUrl}/s/${closed}`);
      await page.getByRole('heading', { name: 'Опрос завершён' }).waitFor();
      found.push(...(await scanInBothLanguages(page, `closed ${device}`)));
      expect(found).toEqual([]);
    }, 300_000);

    if (device === 'phone') {
      test('the scan reports a critical violation when one is put on the page (so a clean result means something)', async () => {
        await page.goto(`${world.baseUrl}/`);
        await page.locator('h1').waitFor();
        await page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')));
        const found = await seriousViolations(page, 'start with a nameless button');
        expect(found.some((v) => v.includes('button-name (critical)'))).toBe(true);
      });
    }

    // The current edition of each instrument (earlier editions in surveys/earlier/ are listed after them).
    for (const compiled of builtinInstruments.filter(
      (c, i) => builtinInstruments.findIndex((d) => d.instrument.id === c.instrument.id) === i,
    )) {
      const id = compiled.instrument.id;
      test(`every page of "${id}", then its thanks page, has no serious or critical axe violations in Russian and English (${device})`, async () => {
        const found: string[] = [];
        const { token, schoolId } = await seededToken(world.mera, id, 'open', school);
        // A school's form is its return: its coordinator signs in first and comes back to it.
        const schoolForm = compiled.instrument.respondentType === 'school';
        if (schoolForm) {
          const email = `a11y.${device}.${schoolId.toLowerCase()}@school.test`;
          if (!(await findUserByEmail(world.mera.store, email))) await makeUser(world.mera.store, email, 'school-coordinator', schoolId);
          await context.clearCookies();
          await signIn(page, world.baseUrl, email, { password: PASSWORD, next: `/s/${token}` });
        } else await page.goto(`${world.baseUrl}/s/${token}`);
        let pageNo = 1;
        for (; pageNo < 20; pageNo++) {
          await page.locator('.sd-question').first().waitFor();
          const answered: string[] = [];
          for (let guard = 0; guard < 80; guard++) {
            const names = await page.locator('.sd-question[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
            const next = names.find((n) => !answered.includes(n));
            if (!next) break;
            await answerQuestion(page, next, defaultPick, (name) => consistentFigure(name, '3'));
            answered.push(next);
          }
          found.push(...(await scanInBothLanguages(page, `${id} page ${pageNo} ${device}`)));
          const complete = page.locator('.sd-navigation__complete-btn');
          if (await complete.isVisible()) {
            await complete.click();
            break;
          }
          await page.locator('.sd-navigation__next-btn').click();
          await page.waitForFunction(() => document.activeElement?.classList.contains('sd-page__title'));
        }
        await page.locator(schoolForm ? '#sent-title' : '.thanks h1').waitFor();
        found.push(...(await scanInBothLanguages(page, `${id} thanks ${device}`)));
        expect(found).toEqual([]);
        // Every page was reached and scanned, not just the first.
        expect(pageNo).toBe(((compiled.instrument.survey as { pages?: unknown[] }).pages ?? [null]).length);
      }, 300_000);
    }

    test(`answered-before and offline-pending have no serious or critical axe violations in Russian and English (${device})`, async () => {
      const found: string[] = [];
      const { token } = await seededToken(world.mera, 'parent-survey', 'open', school - 4);
      // A device that answered before keeps only that flag, as the page does.
      await page.goto(`${world.baseUrl}/`);
      await page.evaluate((t) => localStorage.setItem(`mera.answered.${t}`, '1'), token);
      await page.goto(`${world.baseUrl}/s/${token}`);
      const again = page.getByRole('button', { name: /Ответить ещё раз/ });
      await again.waitFor();
      found.push(...(await scanInBothLanguages(page, `answered-before ${device}`)));
      // An answer completed offline waits on the device.
      await again.click();
      await context.setOffline(true);
      try {
        for (let pageNo = 1; pageNo < 10; pageNo++) {
          await page.locator('.sd-question').first().waitFor();
          for (const name of await page
            .locator('.sd-question[data-name]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!)))
            await answerQuestion(page, name, defaultPick);
          const complete = page.locator('.sd-navigation__complete-btn');
          if (await complete.isVisible()) {
            await complete.click();
            break;
          }
          await page.locator('.sd-navigation__next-btn').click();
        }
        await page.locator('.notice-offline').waitFor();
        found.push(...(await scanInBothLanguages(page, `offline-pending ${device}`)));
      } finally {
        await context.setOffline(false);
      }
      expect(found).toEqual([]);
    }, 300_000);
  });
}
