// What the browser tests do on many pages: sign in through the form, check a page with axe-core,
// name a day in the browser's calendar. One copy, so a change to the sign-in form is one change here.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/accounts/demo';

const wcagAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const described = (violations: { impact?: string | null; id: string; nodes: { target: unknown[] }[] }[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** The page has no WCAG 2.1 AA violation that axe-core finds, of any impact. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(wcagAA).analyze();
  expect(described(result.violations)).toEqual([]);
}

/** The page has no WCAG 2.1 AA violation of impact serious or critical. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(wcagAA).analyze();
  expect(described(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))).toEqual([]);
}

/** Signs in through the Russian sign-in form (the demo's password unless another is given) and waits to leave it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  { password = DEMO_PASSWORD, next }: { password?: string; next?: string } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A calendar day in the browser's (and the test server's) calendar, YYYY-MM-DD, `offset` days from today. */
export function localDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
