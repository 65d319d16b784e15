// Issue 27: every definition of tests/corpus/ (the shapes SurveyJS Creator writes, every supported
// question type, cell type and feature) is uploaded, answered in Chromium by its definition (each
// question and cell as a person answers it) and sent; the stored answer has the type the server
// takes for every question. Four more answers through the link make the minimum group, and then every
// question of the definition appears in the responses export (CSV and XLSX, headers in Russian and
// English), on the results page question by question (axe finds nothing serious) and in the report PDF.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import { streamResponses } from '../../server/responses/read';
import { signedInBrowser, type Browser as Agent } from '../support/accounts';
import { useSeededMeraInChromium } from '../support/e2e';
import { binary, parseCsv, pdfText } from '../support/files';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';
import { answerByDefinition, pagesOf, questionsByName, type Typed } from '../support/typed-driver';
import { uploadedSurveyLink } from '../support/uploaded';

type Json = Record<string, any>;

const corpusDir = path.join(__dirname, '../corpus');
const files = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const shots = '/tmp/shots-corpus';
fs.mkdirSync(shots, { recursive: true });

/** Values a file's own rules need (a regex, a range read from another answer, a count that reveals a panel). */
const typedFor: Record<string, Typed> = {
  'texts.json': { code: 'AB12', participants: '12', winners: '3' },
  'creator-features.json': { low: '3', high: '10', 'kid age': '7' },
  'creator-names.json': { 'nhs-number': '4857773456' },
  'dynamic.json': { a: '4', b: '9', big: 'yes' },
  'matrix-conditions.json': { level: '5', hours: '2', mark: '1' },
};

const world = useSeededMeraInChromium();
let admin: Agent;
beforeAll(async () => {
  admin = await signedInBrowser(world.mera, 'admin@demo.mera.local', DEMO_PASSWORD);
});

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const childrenOf = (c: Json): Json[] => (c.elements ?? c.questions ?? []).filter(isObject);
const valueOf = (c: unknown) => (isObject(c) ? c.value : c);
const holdsNumber = (box: Json) =>
  box.inputType === 'number' || box.inputType === 'range' || box.maskType === 'numeric' || box.maskType === 'currency';

/** Why `value` is not of the type the server takes for `def` (a question, or a cell with its cellType), or undefined. */
function wrongType(def: Json, value: unknown, where: string, matrix?: Json): string | undefined {
  const type = def.cellType ?? (matrix ? (matrix.cellType ?? 'dropdown') : def.type);
  const fail = (what: string) => `${where}: ${JSON.stringify(value)} is not ${what}`;
  const choices = [...((def.choices ?? matrix?.choices ?? []) as unknown[]).map(valueOf), 'other', 'none'];
  const aChoice = (v: unknown) => choices.some((c) => c === v) || (typeof def.choicesMin === 'number' && typeof v === 'number');
  switch (type) {
    case 'text':
      if (holdsNumber(def)) return typeof value === 'number' ? undefined : fail('a number');
      return typeof value === 'string' ? undefined : fail('a text');
    case 'comment':
      return typeof value === 'string' ? undefined : fail('a text');
    case 'expression':
      return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? undefined : fail('a value');
    case 'radiogroup':
    case 'dropdown':
      return aChoice(value) ? undefined : fail('one of the choices');
    case 'imagepicker':
      if (def.multiSelect) return Array.isArray(value) && value.every(aChoice) ? undefined : fail('a list of choices');
      return aChoice(value) ? undefined : fail('one of the choices');
    case 'checkbox':
    case 'tagbox':
    case 'ranking':
      return Array.isArray(value) && value.every(aChoice) ? undefined : fail('a list of choices');
    case 'rating': {
      if (Array.isArray(def.rateValues)) return def.rateValues.map(valueOf).includes(value) ? undefined : fail('a rate value');
      return typeof value === 'number' ? undefined : fail('a number');
    }
    case 'boolean':
      return value === (def.valueTrue ?? true) || value === (def.valueFalse ?? false) ? undefined : fail('a boolean value');
    case 'matrix': {
      const columns = (def.columns as unknown[]).map(valueOf);
      return isObject(value) && Object.values(value).every((v) => columns.includes(v)) ? undefined : fail('a column by row');
    }
    case 'multipletext': {
      if (!isObject(value)) return fail('an object');
      for (const item of def.items as Json[])
        if (value[item.name] !== undefined) {
          const wrong = wrongType({ ...item, type: 'text' }, value[item.name], `${where}.${item.name}`);
          if (wrong) return wrong;
        }
      return undefined;
    }
    case 'matrixdropdown':
    case 'matrixdynamic': {
      const rows = type === 'matrixdynamic' ? (Array.isArray(value) ? value : null) : isObject(value) ? Object.values(value) : null;
      if (!rows) return fail(type === 'matrixdynamic' ? 'a list of rows' : 'an object of rows');
      for (const [i, row] of rows.entries()) {
        if (!isObject(row)) return fail('rows of cells');
        for (const column of def.columns as Json[])
          if (row[column.name] !== undefined) {
            const wrong = wrongType(
              { ...column, cellType: column.cellType ?? def.cellType ?? 'dropdown' },
              row[column.name],
              `${where}[${i}].${column.name}`,
              def,
            );
            if (wrong) return wrong;
          }
      }
      return undefined;
    }
    case 'paneldynamic': {
      if (!Array.isArray(value)) return fail('a list of panels');
      const template = questionsByName((def.templateElements ?? []).filter(isObject));
      for (const [i, panel] of value.entries())
        for (const [name, answer] of Object.entries(panel as Json)) {
          const inner = template.get(name);
          if (!inner) return `${where}[${i}].${name}: no such question`;
          const wrong = wrongType(inner, answer, `${where}[${i}].${name}`);
          if (wrong) return wrong;
        }
      return undefined;
    }
    default:
      return `${where}: a question of type ${type}`;
  }
}

type Locale = 'ru' | 'en';

/** A text in a language from any locale keys, as the exports and results read it. */
function textIn(text: unknown, locale: Locale, fallback: string): string {
  if (typeof text === 'string' && text.trim()) return text;
  if (!isObject(text)) return fallback;
  const russian = text.default ?? text.ru;
  return (locale === 'en' ? (text.en ?? russian) : (russian ?? text.en)) ?? fallback;
}

/**
 * What of a definition must show in an output, as [what, title]: every question (inside panels and
 * dynamic panels' templates too), every column of a dropdown or dynamic matrix and every item of a
 * multiple text. html and image are layout; an expression column is shown as its column.
 */
function shownParts(elements: Json[], locale: Locale, out: [string, string][] = []): [string, string][] {
  for (const e of elements) {
    if (e.type === 'panel') shownParts(childrenOf(e), locale, out);
    if (e.type === 'panel' || e.type === 'html' || e.type === 'image' || typeof e.name !== 'string') continue;
    out.push([e.name, textIn(e.title, locale, e.name)]);
    for (const part of [...(e.columns ?? []), ...(e.items ?? [])] as unknown[])
      if (isObject(part) && e.type !== 'matrix') out.push([`${e.name}.${part.name}`, textIn(part.title, locale, part.name)]);
    if (e.type === 'paneldynamic') shownParts((e.templateElements ?? []).filter(isObject), locale, out);
  }
  return out;
}

/** Whether a column header is the one of `title` (a question's, or a cell's or item's after a dot). */
const headerOf = (header: string, title: string) =>
  header === title ||
  [':', ' [', '[', '.'].some((next) => header.startsWith(title + next)) ||
  header.includes(`.${title}`) ||
  header.includes(`].${title}`);

async function storedAnswers(campaignId: string) {
  const all: Json[] = [];
  for await (const r of streamResponses(world.mera.store, { campaignId })) all.push(r.answers);
  return all;
}

/** Every kind of question, input type and cell type docs/instruments.md lists as supported, as `type`, `text:inputType`, `cell:cellType`. */
const supported = [
  ...['comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'ranking', 'rating', 'boolean', 'expression'],
  ...['matrix', 'matrixdropdown', 'matrixdynamic', 'multipletext', 'paneldynamic', 'panel', 'html', 'image'],
  ...['imagepicker', 'imagepicker:multiSelect', 'ranking:selectToRankEnabled', 'rating:rateValues', 'boolean:valueTrue'],
  ...['text', 'number', 'range', 'email', 'url', 'tel', 'color', 'date', 'datetime-local', 'time', 'month', 'week'].map((t) => `text:${t}`),
  ...['dropdown', 'radiogroup', 'checkbox', 'tagbox', 'text', 'comment', 'boolean', 'rating', 'expression'].map((t) => `cell:${t}`),
];

/** The kinds a definition holds, in the terms of `supported`. */
function kindsOf(elements: Json[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    into.add(e.type);
    if (e.type === 'text') into.add(`text:${e.inputType ?? 'text'}`);
    for (const flag of ['multiSelect', 'selectToRankEnabled', 'rateValues', 'valueTrue'])
      if (e[flag] !== undefined) into.add(`${e.type}:${flag}`);
    for (const column of (e.columns ?? []) as unknown[])
      if (isObject(column) && e.type !== 'matrix') into.add(`cell:${column.cellType ?? e.cellType ?? 'dropdown'}`);
    kindsOf([...childrenOf(e), ...((e.templateElements ?? []) as unknown[]).filter(isObject)], into);
  }
  return into;
}

test('the corpus holds every question type, input type and cell type the instruments guide lists as supported', () => {
  const held = new Set<string>();
  for (const file of files) kindsOf(pagesOf(JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8'))).flatMap(childrenOf), held);
  expect(supported.filter((kind) => !held.has(kind))).toEqual([]);
});

describe.each(files)('corpus %s', (file) => {
  const survey = JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8')) as Json;
  const stem = file.replace(/\.json$/, '');
  const questions = questionsByName(pagesOf(survey).flatMap(childrenOf));
  const asked = [...questions.values()].filter((q) => q.type !== 'html' && q.type !== 'image');
  const link = { token: '', campaignId: '' };
  let first: Json = {};

  test('is answered in Chromium question by question and stored with the types the server takes', async () => {
    Object.assign(
      link,
      await uploadedSurveyLink(world.mera, {
        id: `corpus-${stem}`,
        respondentType: 'parent',
        anonymous: true,
        collectsContact: true,
        contactPurpose: { ru: 'чтобы ответить вам', en: 'to answer you' },
        survey,
      }),
    );
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${world.baseUrl}/s/${link.token}`);
      const answered = await answerByDefinition(page, survey, typedFor[file] ?? {});
      await page
        .locator('.completed-html, .sd-completedpage, h1, h2')
        .filter({ hasText: /Спасибо|Thank/ })
        .first()
        .waitFor();
      const [stored] = await storedAnswers(link.campaignId);
      expect(stored).toBeDefined();
      first = stored;
      // Every question answered on the page is kept (expressions computed by the server), each with its type.
      const missing = answered.filter((n) => !['html', 'image'].includes(questions.get(n)?.type) && stored[n] === undefined);
      expect(missing).toEqual([]);
      const wrong = Object.entries(stored)
        .filter(([name]) => questions.has(name))
        .map(([name, value]) => wrongType(questions.get(name)!, value, name))
        .filter(Boolean);
      expect(wrong).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: `${shots}/${stem}-failed.png`, fullPage: true });
      fs.writeFileSync(`${shots}/${stem}-failed.html`, await page.content());
      throw errors.length ? new Error(`${(e as Error).message}\npage errors: ${errors.join('; ')}`) : e;
    } finally {
      await context.close();
    }
  });

  test('with the minimum group answered, every question is in the responses export (CSV and XLSX, Russian and English headers), on the results page (axe) and in the report (Russian and English)', async () => {
    if (Object.keys(first).length === 0) throw new Error('the answer sent from the page (the test before) is missing');
    // Four more respondents give the same answers through the link: the minimum group of 5.
    for (let i = 0; i < 4; i++)
      await request(world.mera.app).post(`/api/links/${link.token}/responses`).send({ answers: first }).expect(201);
    const base = `/api/results/campaigns/${link.campaignId}`;
    for (const locale of ['ru', 'en'] as const) {
      const lang = locale === 'en' ? '?lang=en' : '';
      const csv = (await admin.agent.get(`${base}/responses.csv${lang}`).buffer(true).parse(binary).expect(200)).body as Buffer;
      const [csvHeaders, ...rows] = parseCsv(csv.subarray(3).toString('utf8'));
      expect(rows).toHaveLength(5);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await admin.agent.get(`${base}/responses.xlsx${lang}`).buffer(true).parse(binary).expect(200)).body);
      const [answersSheet] = workbook.worksheets;
      const xlsxHeaders = ((answersSheet.getRow(1).values as unknown[]).slice(1) as string[]).map(String);
      expect(xlsxHeaders).toEqual(csvHeaders);
      const notes = workbook.worksheets
        .at(-1)!
        .getColumn(1)
        .values.map((v) => String(v ?? ''))
        .join('\n');
      // Free text of an anonymous survey is left out of the file and named in its notes.
      const missing = shownParts(pagesOf(survey).flatMap(childrenOf), locale)
        .filter(([, title]) => !csvHeaders.some((h) => headerOf(h, title)) && !notes.includes(title))
        .map(([what, title]) => `${what} («${title}»)`);
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }

    // The results page, question by question: a heading for each, its table (free text is only counted).
    const results = (await admin.agent.get(`${base}/questions`).expect(200)).body as {
      questions: { name: string; cluster: { kind: string } }[];
    };
    const shown = new Map(results.questions.map((q) => [q.name, q.cluster.kind]));
    expect(asked.filter((q) => !shown.has(q.name)).map((q) => q.name)).toEqual([]);
    expect([...shown].filter(([, kind]) => kind === 'withheld')).toEqual([]);
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, world.baseUrl, 'admin@demo.mera.local');
      await page.goto(`${world.baseUrl}/results?campaign=${link.campaignId}`);
      await page.getByRole('heading', { name: 'Ответы по вопросам' }).waitFor();
      await page.locator('article.question-result').first().waitFor();
      const articles = await page
        .locator('article.question-result')
        .evaluateAll((els) =>
          els.map((e) => ({ title: e.querySelector('h4')?.textContent ?? '', tables: e.querySelectorAll('table').length })),
        );
      const withoutTable = results.questions
        .map((q, i) => ({ name: q.name, kind: q.cluster.kind, ...articles[i] }))
        .filter((a) => a.kind !== 'text' && a.tables === 0);
      expect(withoutTable).toEqual([]);
      expect(articles.map((a) => a.title)).toEqual(asked.filter((q) => shown.has(q.name)).map((q) => textIn(q.title, 'ru', q.name)));
      await page.screenshot({ path: `${shots}/${stem}-results.png`, fullPage: true });
      await expectNoSeriousAxeViolations(page);
    } finally {
      await context.close();
    }

    // The report names every question, in Russian and in English.
    for (const locale of ['ru', 'en'] as const) {
      const pdf = (
        await admin.agent
          .get(`${base}/report.pdf${locale === 'en' ? '?lang=en' : ''}`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
      const text = pdfText(pdf).text.replace(/\s+/g, ' ');
      const notInReport = asked.map((q) => textIn(q.title, locale, q.name)).filter((title) => !text.includes(title.replace(/\s+/g, ' ')));
      expect({ locale, notInReport }).toEqual({ locale, notInReport: [] });
    }
  });
});

test('on a phone (390 px), image choices whose images do not load keep their text and accessible name, are chosen by a tap and sent as their values', async () => {
  const sizes = [128, 134, 140].map((h) => ({
    value: h,
    imageLink: `/missing-${h}.png`,
    text: { default: `Рост ${h}`, en: `Height ${h}` },
  }));
  const { token, campaignId } = await uploadedSurveyLink(world.mera, {
    id: 'corpus-image-phone',
    respondentType: 'parent',
    anonymous: true,
    survey: {
      title: 'Форма',
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'imagepicker',
              name: 'animal',
              title: 'Эмблема класса',
              choices: [
                { value: 'lion', imageLink: '/l.png' },
                { value: 'bear', imageLink: '/b.png' },
              ],
            },
            { type: 'imagepicker', name: 'sizes', title: 'Размеры формы', multiSelect: true, choices: sizes },
          ],
        },
      ],
    },
  });
  const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${world.baseUrl}/s/${token}`);
  const question = (name: string) => page.locator(`.sd-question[data-name="${name}"]`);
  await question('sizes').locator('.sd-imagepicker__no-image').first().waitFor();
  const names = await page.locator('.sd-imagepicker__item input').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names).toEqual(['lion', 'bear', 'Рост 128', 'Рост 134', 'Рост 140']);
  await question('animal').getByText('bear', { exact: true }).tap();
  await question('sizes').getByText('Рост 134').tap();
  await question('sizes').getByText('Рост 140').tap();
  expect(await page.locator('.sd-imagepicker__item--checked').count()).toBe(3);
  await question('sizes').screenshot({ path: `${shots}/image-picker-390.png` });
  await page.screenshot({ path: `${shots}/image-picker-390-page.png`, fullPage: true });
  await expectNoSeriousAxeViolations(page);
  await page.locator('.sd-navigation__complete-btn').tap();
  await page.getByRole('heading', { name: 'Спасибо!' }).waitFor();
  expect(await storedAnswers(campaignId)).toEqual([{ animal: 'bear', sizes: [134, 140] }]);
  await context.close();
});
