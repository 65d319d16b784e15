// Answers a SurveyJS survey in the browser by its definition, as a person does: for each visible
// question its type says what to do (click a choice, an image, a rating item or a matrix cell, open a
// dropdown or a tag box, move a ranking item with the keyboard, type into a box of its input type,
// add a row to a dynamic matrix and a panel to a dynamic panel and answer what they hold), then Next.
// Read-only questions (expressions) and html are left alone. Used by the corpus run (issue 27).
import type { Locator, Page } from 'playwright-core';
import { completeOrNext } from './survey-driver';

type Json = Record<string, any>;

/** Values to type, by question (or cell, item) name, where the default would break a rule of the survey. */
export type Typed = Record<string, string>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const childrenOf = (container: Json): Json[] => (container.elements ?? container.questions ?? []).filter(isObject);

/** Every question of a definition by name (inside panels too; templates of dynamic panels apart). */
export function questionsByName(elements: Json[], into = new Map<string, Json>()): Map<string, Json> {
  for (const e of elements) {
    if (e.type === 'panel') questionsByName(childrenOf(e), into);
    else if (typeof e.name === 'string') into.set(e.name, e);
  }
  return into;
}

/** The pages of a definition (a survey with `elements`/`questions` and no pages is one page). */
export const pagesOf = (survey: Json): Json[] => (Array.isArray(survey.pages) ? survey.pages : [survey]);

/** What to type into a box of this input type (the first value its usual rules take). */
function defaultText(box: Json, name: string, typed: Typed, row = 0): string {
  if (typed[name] !== undefined) return typed[name];
  if (box.maskType === 'numeric' || box.maskType === 'currency') return '120';
  if (box.maskType === 'pattern') return '79215554433';
  switch (box.inputType) {
    case 'number':
      return String(Math.min(Math.max(typeof box.min === 'number' ? box.min : 0, 3), typeof box.max === 'number' ? box.max : 3) + row);
    case 'range':
      return String(typeof box.min === 'number' ? box.min + 1 : 5);
    case 'email':
      return 'parent@school.example';
    case 'url':
      return 'https://school.example/plan';
    case 'tel':
      return '+7 921 555-44-33';
    case 'date':
      return '2026-05-04';
    case 'datetime-local':
      return '2026-05-04T10:30';
    case 'time':
      return '10:30';
    case 'month':
      return '2026-05';
    case 'week':
      return '2026-W19';
    case 'color':
      return '#1f5fae';
    default:
      return row ? `Шахматы ${row + 1}` : 'Шахматы';
  }
}

/** Resolves once the page has drawn a frame and run what was queued before it (React's re-render after an answer). */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

async function typeInto(page: Page, box: Locator, def: Json, text: string) {
  const type = await box.getAttribute('type');
  if (def.maskType || type === 'range' || type === 'color') {
    if (type === 'range' || type === 'color') await box.fill(text);
    else {
      // A masked box reformats each key: type as a person does.
      await box.click();
      await box.pressSequentially(text);
    }
  } else await box.fill(text);
  // survey-core takes a box's value when it loses focus (as a person moving on does).
  await box.blur();
  await settled(page);
}

/** Picks the option `index` of a dropdown or tag box the keyboard way: focus it, open its list with ArrowDown, move, Enter. */
async function pickOption(page: Page, control: Locator, index: number) {
  const box = control.locator('input').first();
  await ((await box.count()) > 0 ? box : control).focus();
  await page.keyboard.press('ArrowDown');
  const list = page.locator('[role="option"]:visible');
  await list.first().waitFor();
  const count = await list.count();
  for (let i = 0; i < Math.min(index, count - 1); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await settled(page);
}

/** Answers one question (or one matrix cell, `cell` true) held in `root`, by its definition. */
async function answerElement(page: Page, root: Locator, def: Json, typed: Typed, row = 0, cell = false): Promise<void> {
  const type = cell ? (def.cellType ?? 'dropdown') : def.type;
  switch (type) {
    case 'html':
    case 'image':
    case 'expression':
      return;
    case 'radiogroup': {
      await root.locator('.sd-item:not(.sd-item--disabled)').nth(0).locator('label').click();
      return;
    }
    case 'checkbox': {
      // Two real choices (not "none"): the corpus asks for at least two.
      const items = root.locator('.sd-item:not(.sd-item--disabled):not(.sd-checkbox--none)');
      const count = Math.min(2, await items.count());
      for (let i = 0; i < count; i++) await items.nth(i).locator('label').click();
      return;
    }
    case 'imagepicker': {
      const items = root.locator('.sd-imagepicker__item');
      const count = def.multiSelect ? Math.min(2, await items.count()) : 1;
      for (let i = 0; i < count; i++) await items.nth(i).locator('label').click();
      return;
    }
    case 'dropdown': {
      await pickOption(page, root.locator('.sd-dropdown').first(), row);
      return;
    }
    case 'tagbox': {
      // The key opens the list, but its first item is not always the active one yet (timing): then
      // Enter chose nothing. One more key makes it active; tried until the box shows a chosen item.
      const input = root.locator('.sd-tagbox input').first();
      for (let attempt = 0; attempt < 5 && (await root.locator('.sd-tagbox-item').count()) === 0; attempt++) {
        await input.focus();
        await page.keyboard.press('ArrowDown');
        await page.locator('[role="option"]:visible').first().waitFor();
        if (!(await input.getAttribute('aria-activedescendant'))) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await settled(page);
      }
      await page.keyboard.press('Escape');
      return;
    }
    case 'ranking': {
      const items = root.locator('.sv-ranking-item');
      if (def.selectToRankEnabled) {
        // Choosing what to rank: a click moves an item from the choices into the ranking.
        for (let i = 0; i < 2; i++) {
          await root.locator('.sv-ranking__container--from .sv-ranking-item').first().click();
          await settled(page);
        }
        return;
      }
      await items.first().focus();
      await page.keyboard.press('ArrowDown');
      return;
    }
    case 'rating': {
      const items = root.locator('.sd-rating__item');
      const count = await items.count();
      await items.nth(Math.max(0, count - 2)).click();
      return;
    }
    case 'boolean': {
      await root
        .locator('.sd-boolean__thumb-text, .sd-boolean__label')
        .filter({ hasText: /Да|Yes/ })
        .first()
        .click();
      return;
    }
    case 'comment': {
      await root
        .locator('textarea')
        .first()
        .fill(typed[def.name] ?? 'Всё понятно, спасибо.');
      await root.locator('textarea').first().blur();
      return;
    }
    case 'text':
      // A cell disabled by its column's enableIf for this row is drawn read-only.
      if (
        await root
          .locator('input')
          .first()
          .evaluate((e) => (e as HTMLInputElement).readOnly || (e as HTMLInputElement).disabled)
      )
        return;
      await typeInto(page, root.locator('input').first(), def, defaultText(def, def.name, typed, row));
      return;
    case 'multipletext': {
      const items = (def.items ?? []) as Json[];
      const boxes = root.locator('input');
      for (let i = 0; i < items.length; i++) await typeInto(page, boxes.nth(i), items[i], defaultText(items[i], items[i].name, typed));
      return;
    }
    case 'matrix': {
      const rows = root.locator('tr.sd-table__row');
      for (let r = 0; r < (await rows.count()); r++) {
        const items = rows.nth(r).locator('.sd-item');
        // Each row its own column (a matrix may want every row different).
        await items.nth(r % (await items.count())).click();
      }
      return;
    }
    case 'matrixdropdown':
    case 'matrixdynamic':
      await answerMatrix(page, root, def, typed);
      return;
    case 'paneldynamic':
      await answerPanels(page, root, def, typed);
      return;
    default:
      throw new Error(`the driver does not know the question type "${type}" (${def.name})`);
  }
}

/** The text of a title in the page's default language (Russian), as survey-core shows it. */
const titleOf = (def: Json): string =>
  typeof def.title === 'string' ? def.title : isObject(def.title) ? (def.title.default ?? def.title.ru ?? def.name) : def.name;

/** Of the elements matching `selector` inside a question, those of the question itself (not of a question inside it). */
async function own(root: Locator, selector: string): Promise<Locator[]> {
  const mine = await root
    .locator(selector)
    .evaluateAll((els, question) => els.map((e) => e.parentElement?.closest('.sd-question') === question), await root.elementHandle());
  return mine.flatMap((yes, i) => (yes ? [root.locator(selector).nth(i)] : []));
}

/** A dynamic matrix gets one row more (added with its button); then every visible cell of every row is answered. */
async function answerMatrix(page: Page, root: Locator, def: Json, typed: Typed) {
  const rows = root.locator('tbody tr.sd-table__row');
  if (def.type === 'matrixdynamic') {
    const add = root.locator('.sd-matrixdynamic__add-btn');
    const before = await rows.count();
    if ((await add.count()) > 0 && (def.maxRowCount === undefined || before < def.maxRowCount)) {
      await add.first().click();
      await rows.nth(before).waitFor();
    }
  }
  // A cell sits under its column's header (hidden columns are not drawn).
  const headers = await root
    .locator('thead tr')
    .first()
    .locator(':scope > th, :scope > td')
    .evaluateAll((els) => els.map((e) => (e.querySelector('.sv-string-viewer')?.textContent ?? '').trim()));
  const columns = (def.columns ?? []) as Json[];
  for (let r = 0; r < (await rows.count()); r++) {
    const cells = rows.nth(r).locator(':scope > td');
    for (const source of columns) {
      const at = headers.indexOf(titleOf(source));
      if (at < 0) continue;
      const column: Json = { ...source, cellType: source.cellType ?? def.cellType ?? 'dropdown' };
      if (!column.choices && def.choices) column.choices = def.choices;
      const cell = cells.nth(at);
      // A cell hidden or disabled by its column's condition for this row is left as it is.
      if (
        (await cell
          .locator('input:not(:disabled), textarea:not(:disabled), .sd-dropdown:not(.sd-dropdown--disabled), .sd-rating__item')
          .count()) === 0
      )
        continue;
      await answerElement(page, cell, column, typed, r, true);
    }
  }
}

/** A dynamic panel gets one panel more; then the questions of every panel are answered. */
async function answerPanels(page: Page, root: Locator, def: Json, typed: Typed) {
  const panels = () => own(root, '.sd-paneldynamic__panel-wrapper');
  const before = (await panels()).length;
  const [add] = await own(root, '.sd-paneldynamic__add-btn');
  if (add && (def.maxPanelCount === undefined || before < def.maxPanelCount)) {
    await add.click();
    await settled(page);
  }
  const template = questionsByName((def.templateElements ?? []).filter(isObject));
  for (const panel of await panels()) await answerQuestionsIn(page, panel, template, typed);
}

/** The names of the questions directly in `scope` (a page or a dynamic panel's panel; not those of a dynamic panel inside it), not on their way out. */
const directQuestions = (scope: Locator) =>
  scope.evaluate((s) =>
    [...s.querySelectorAll('.sd-question[data-name]')]
      .filter((e) => e.parentElement?.closest('.sd-paneldynamic__panel-wrapper, .sd-page') === s)
      .filter((e) => !e.closest('.sd-element-wrapper--leave, .sd-row--leave'))
      .map((e) => e.getAttribute('data-name')!),
  );

/** Answers every visible question in `scope` (a page or a panel of a dynamic panel), re-reading after each answer. */
async function answerQuestionsIn(page: Page, scope: Locator, defs: Map<string, Json>, typed: Typed, answered: string[] = []) {
  for (let guard = 0; guard < 200; guard++) {
    const next = (await directQuestions(scope)).find((n) => !answered.includes(n));
    if (!next) return answered;
    answered.push(next);
    const def = defs.get(next);
    if (!def) throw new Error(`no question "${next}" in the definition`);
    const root = scope.locator(`.sd-question[data-name="${next}"]`).first();
    if (await root.evaluate((e) => e.classList.contains('sd-question--readonly'))) continue;
    await answerElement(page, root, def, typed);
    await settled(page);
    // On a busy machine a list may open after the key meant for it: a question left unanswered is answered again, once.
    if (!(await root.evaluate((e) => e.classList.contains('sd-question--answered'))) && def.type !== 'html') {
      await answerElement(page, root, def, typed);
      await settled(page);
    }
  }
  return answered;
}

/** Answers every visible question of every page by the definition, then completes the survey; returns the names answered. */
export async function answerByDefinition(page: Page, survey: Json, typed: Typed = {}): Promise<string[]> {
  const defs = questionsByName(pagesOf(survey).flatMap(childrenOf));
  const answered: string[] = [];
  for (let pageNo = 0; pageNo < 30; pageNo++) {
    const current = page.locator('.sd-page').first();
    await current.locator('.sd-question').first().waitFor();
    await answerQuestionsIn(page, current, defs, typed, answered);
    if (await completeOrNext(page, '.sd-page .sd-question[data-name]')) return answered;
  }
  throw new Error('the survey did not end within 30 pages');
}
