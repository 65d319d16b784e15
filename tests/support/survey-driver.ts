// Answers a SurveyJS survey in the browser the way a person does: clicking choices and rating
// items (or opening the rating dropdown on narrow screens), typing comments, pressing Next.
import type { Page } from 'playwright-core';

/** `optionTexts`: the options' visible texts in the order shown (for choices shuffled by choicesOrder). */
export type Pick = (questionName: string, optionCount: number, optionTexts?: string[]) => number;

/** Chooses the option index for a question; by default the last-but-one (a positive, plausible answer). */
export const defaultPick: Pick = (_name, count) => Math.max(0, count - 2);

/** What to type into a text or number field, by question name (default "1"). */
export type Type = (questionName: string) => string;
const defaultType: Type = () => '1';

export async function answerQuestion(page: Page, name: string, pick: Pick, type: Type = defaultType) {
  const q = page.locator(`.sd-question[data-name="${name}"]`);
  // Hidden meanwhile by an earlier answer (a follow-up that answer made unnecessary): nothing to answer.
  if ((await q.count()) === 0) return;
  // A read-only question (a value the campaign sets, such as the reporting year or the checklist's stage) is left as it is.
  if (await q.evaluate((e) => e.classList.contains('sd-question--readonly'))) return;
  if ((await q.locator('textarea').count()) > 0) {
    await q.locator('textarea').fill('Всё понятно, спасибо.');
    return;
  }
  // A matrix: one choice per row (a table on wide screens, a list per row on phones).
  const rows = q.locator('tr.sd-table__row');
  if ((await rows.count()) > 0) {
    for (let r = 0; r < (await rows.count()); r++) {
      const items = rows.nth(r).locator('.sd-item');
      await items.nth(pick(`${name}.${r}`, await items.count())).click();
    }
    return;
  }
  const ratingItems = q.locator('.sd-rating__item');
  if ((await ratingItems.count()) > 0) {
    await ratingItems.nth(pick(name, await ratingItems.count())).click();
    return;
  }
  const dropdown = q.locator('.sd-dropdown');
  if ((await dropdown.count()) > 0) {
    await dropdown.click();
    const items = page.locator('[role="option"]:visible');
    await items.first().waitFor();
    await items.nth(pick(name, await items.count())).click();
    return;
  }
  const choices = q.locator('.sd-item:not(.sd-item--disabled) label, .sd-item label');
  const count = await q.locator('.sd-item').count();
  if (count > 0) {
    const isCheckbox = (await q.locator('input[type="checkbox"]').count()) > 0;
    const index = isCheckbox
      ? 0
      : pick(
          name,
          count,
          (await q.locator('.sd-item').allTextContents()).map((x) => x.trim()),
        );
    await q.locator('.sd-item').nth(index).locator('label').first().click();
    void choices;
    // Choosing "other" opens a comment box that must be filled.
    const other = q.locator('textarea:visible');
    if ((await other.count()) > 0) await other.first().fill('Другое');
    return;
  }
  const input = q.locator('input.sd-input, input.sd-formbox__input');
  if ((await input.count()) > 0) {
    await input.first().fill(type(name));
    // survey-core takes a text field's value when it loses focus (as a person moving on does).
    await input.first().blur();
  }
}

/** Resolves once the page has drawn a frame and run what was queued before it (React's re-render after an answer). */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

/** Answers every visible question of every page, then completes the survey. */
export async function answerWholeSurvey(page: Page, pick: Pick = defaultPick, type: Type = defaultType): Promise<string[]> {
  const answered: string[] = [];
  for (let pageNo = 0; pageNo < 30; pageNo++) {
    await page.locator('.sd-question').first().waitFor();
    // Answer in order; answering may reveal follow-up questions, so re-read the page each time.
    for (let guard = 0; guard < 60; guard++) {
      // A question on its way out (hidden by an answer, while SurveyJS animates it away) is not one to answer.
      const names = await page
        .locator('.sd-question[data-name]')
        .evaluateAll((els) =>
          els.filter((e) => !e.closest('.sd-element-wrapper--leave, .sd-row--leave')).map((e) => e.getAttribute('data-name')!),
        );
      const next = names.find((n) => !answered.includes(n));
      if (!next) break;
      await answerQuestion(page, next, pick, type);
      answered.push(next);
      // Let the page show what the answer changed (a follow-up question shown or hidden) before reading
      // it again: on a busy machine the click returns before the page has re-rendered.
      await settled(page);
    }
    if (await completeOrNext(page)) return answered;
  }
  throw new Error('the survey did not end within 30 pages');
}

/**
 * Completes the survey when its last page is showing (true), or moves to the next page. A page that
 * does not advance has a validation error: say which, instead of looping. `questions` finds the
 * page's questions (its first one tells the page apart).
 */
export async function completeOrNext(page: Page, questions = '.sd-question[data-name]'): Promise<boolean> {
  const complete = page.locator('.sd-navigation__complete-btn');
  if (await complete.isVisible()) {
    await complete.click();
    return true;
  }
  const before = await page.locator(questions).first().getAttribute('data-name');
  await page.locator('.sd-navigation__next-btn').click();
  await page
    .waitForFunction(
      ([selector, first]) => document.querySelector(selector)?.getAttribute('data-name') !== first,
      [questions, before] as const,
      {
        timeout: 5000,
      },
    )
    .catch(async () => {
      const errors = await page
        .locator('.sd-question--error, .sd-question:has(.sd-question__erbox)')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-name')}: ${e.querySelector('.sd-question__erbox, .sd-error')?.textContent ?? ''}`),
        );
      throw new Error(`the survey did not move past the page starting with "${before}": ${errors.join('; ')}`);
    });
  return false;
}
