// axe-core (WCAG 2.1 A and AA rules) over every state a respondent can see: the start page, each
// built-in instrument page by page, thanks, closed, unknown address, answered before and
// offline-pending, in Russian and English, on a phone and a desktop. Any violation of impact
// serious or critical fails the test and is listed with its nodes.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { useSeededMeraInChromium } from '../support/e2e';
import { builtinInstruments, seededToken } from '../support/mera';
import { consistentFigure } from '../support/answers';
import { answerQuestion, defaultPick } from '../support/survey-driver';

const world = useSeededMeraInChromium();

type Device = 'phone' | 'desktop';
type Lang = 'ru' | 'en';

async function open(browser: Browser, device: Device, lang: Lang): Promise<Page> {
  const context = await browser.newContext(
    device === 'phone' ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } },
  );
  await context.addInitScript((l) => localStorage.setItem('mera.locale', l), lang);
  return context.newPage();
}

async function seriousViolations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${state}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const combos: [Device, Lang][] = [['phone', 'ru'], ['desktop', 'en'], ['phone', 'en'], ['desktop', 'ru']];

test('the start page, an unknown address and a closed survey have no serious or critical axe violations in Russian and English, on a phone and a desktop', async () => {
  const { token: closed } = await seededToken(world.mera, 'parent-survey', 'closed');
  const found: string[] = [];
  for (const [device, lang] of combos) {
    const page = await open(world.browser, device, lang);
    await page.goto(`${world.baseUrl}/`);
    await page.locator('h1').waitFor();
    await page.locator('.campaign-card').first().waitFor();
    found.push(...(await seriousViolations(page, `start ${device} ${lang}`)));
    const unknown = await page.goto(`${world.baseUrl}/no/such/page`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole('heading', { name: lang === 'ru' ? 'Страница не найдена' : 'Page not found' }).waitFor();
    expect(await page.title()).toBe(lang === 'ru' ? 'Страница не найдена — Мера' : 'Page not found — Mera');
    found.push(...(await seriousViolations(page, `unknown ${device} ${lang}`)));
    await page.goto(`${world.baseUrl}/s/${closed}`);
    await page.getByRole('heading', { name: lang === 'ru' ? 'Опрос завершён' : 'Survey closed' }).waitFor();
    found.push(...(await seriousViolations(page, `closed ${device} ${lang}`)));
    await page.context().close();
  }
  expect(found).toEqual([]);
}, 400_000);

// Every page of every instrument: Russian on a phone and English on a desktop (the other two
// combinations are scanned for the short states above and below; together all four are covered).
// The current edition of each instrument (earlier editions in surveys/earlier/ are listed after them).
for (const compiled of builtinInstruments.filter((c, i) => builtinInstruments.findIndex((d) => d.instrument.id === c.instrument.id) === i)) {
  const id = compiled.instrument.id;
  test(`every page of "${id}", then its thanks page, has no serious or critical axe violations (Russian phone, English desktop)`, async () => {
    const found: string[] = [];
    for (const [device, lang] of combos.slice(0, 2)) {
      const { token } = await seededToken(world.mera, id, 'open', device === 'phone' ? 6 : 7);
      const page = await open(world.browser, device, lang);
      await page.goto(`${world.baseUrl}/s/${token}`);
      expect(await page.title()).toMatch(/ — (Мера|Mera)$/);
      for (let pageNo = 1; pageNo < 20; pageNo++) {
        await page.locator('.sd-question').first().waitFor();
        const answered: string[] = [];
        for (let guard = 0; guard < 80; guard++) {
          const names = await page.locator('.sd-question[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
          const next = names.find((n) => !answered.includes(n));
          if (!next) break;
          await answerQuestion(page, next, defaultPick, (name) => consistentFigure(name, '3'));
          answered.push(next);
        }
        found.push(...(await seriousViolations(page, `${id} page ${pageNo} ${device} ${lang}`)));
        const complete = page.locator('.sd-navigation__complete-btn');
        if (await complete.isVisible()) {
          await complete.click();
          break;
        }
        await page.locator('.sd-navigation__next-btn').click();
        await page.waitForFunction(() => document.activeElement?.classList.contains('sd-page__title'));
      }
      await page.locator('.thanks h1').waitFor();
      found.push(...(await seriousViolations(page, `${id} thanks ${device} ${lang}`)));
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 400_000);
}

test('answered-before and offline-pending states have no serious or critical axe violations in Russian and English, on a phone and a desktop', async () => {
  const found: string[] = [];
  for (const [index, [device, lang]] of combos.entries()) {
    const { token } = await seededToken(world.mera, 'parent-survey', 'open', index);
    const page = await open(world.browser, device, lang);
    // A device that answered before (only the flag, as the page keeps it).
    await page.addInitScript((t) => localStorage.setItem(`mera.answered.${t}`, '1'), token);
    await page.goto(`${world.baseUrl}/s/${token}`);
    await page.getByRole('button', { name: lang === 'ru' ? /Ответить ещё раз/ : /Answer again/ }).waitFor();
    found.push(...(await seriousViolations(page, `answered-before ${device} ${lang}`)));
    // An answer waiting on the device while offline: the page served from memory cannot load, so
    // the pending state is reached by completing offline.
    await page.getByRole('button', { name: lang === 'ru' ? /Ответить ещё раз/ : /Answer again/ }).click();
    await page.context().setOffline(true);
    for (let pageNo = 1; pageNo < 10; pageNo++) {
      await page.locator('.sd-question').first().waitFor();
      for (const name of await page.locator('.sd-question[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!))) await answerQuestion(page, name, defaultPick);
      const complete = page.locator('.sd-navigation__complete-btn');
      if (await complete.isVisible()) {
        await complete.click();
        break;
      }
      await page.locator('.sd-navigation__next-btn').click();
    }
    await page.locator('.notice-offline').waitFor();
    found.push(...(await seriousViolations(page, `offline-pending ${device} ${lang}`)));
    await page.context().close();
  }
  expect(found).toEqual([]);
}, 400_000);
