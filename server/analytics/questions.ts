// Per-question results of any campaign, with or without indicators: for each question a summary that
// fits its type (choice distributions; ratings and numbers with mean and median; matrices per row;
// rankings by mean rank; multiple text, dropdown and dynamic matrices and dynamic panels per field;
// booleans), for the cluster and one school, optionally only the respondents who gave one answer to a
// choice question (a role, say). Free text is counted, never shown here (the exports hold it).
// Disclosure control (server/disclosure/): an anonymous survey's responses count here only when every
// answer of their group (school × role) is in the published counts, as in the row export, so two
// readings a moment apart never differ by one answer; a summary of fewer than the minimum group is withheld.
import type { Campaign } from '../campaigns/data';
import { findCampaign } from '../campaigns/planning';
import { problem } from '../errors';
import { streamResponses } from '../responses/read';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { LocalizedText } from '../surveys/instrument';
import type { AnswerRule, AnswerValue, CellInfo, QuestionInfo, Scope } from '../surveys/questions';
import type { Count, Guarded, QuestionResults, Summary } from './question-views';
import { publishedRespondents } from '../disclosure';
import { groupId, readCampaignTallies, roleOf, roleQuestion } from './rollups';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

export interface QuestionOptions {
  minGroupSize: number;
  schoolId?: string;
  role?: string;
  /** "question:value": only respondents who gave that answer. */
  filter?: string;
}

// ── the definition's texts ────────────────────────────────────────────────────────────────

/** A text in any locale keys as { default (Russian), en }. */
function localized(value: unknown, fallback: string): LocalizedText {
  if (typeof value === 'string' && value.trim()) return { default: value, en: value };
  if (isObject(value)) {
    const texts = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
    const pick = (k: string) => texts.find(([key]) => key === k)?.[1];
    const ru = pick('default') ?? pick('ru') ?? texts[0]?.[1];
    if (ru) return { default: ru, en: pick('en') ?? ru };
  }
  return { default: fallback, en: fallback };
}

const elementsOf = (container: Json): unknown[] => {
  const list = container.elements ?? container.questions;
  return Array.isArray(list) ? list : [];
};

/** Every element of a definition with a name, by name (questions inside panels included, templates apart). */
function elementsByName(survey: Json): Map<string, Json> {
  const found = new Map<string, Json>();
  const walk = (elements: unknown[]) => {
    for (const e of elements) {
      if (!isObject(e)) continue;
      if (e.type === 'panel') walk(elementsOf(e));
      else if (typeof e.name === 'string' && !found.has(e.name)) found.set(e.name, e);
    }
  };
  const pages = Array.isArray(survey.pages) ? survey.pages : [survey];
  for (const page of pages) if (isObject(page)) walk(elementsOf(page));
  return found;
}

/** The labels of a list of choices (or rows, columns) by value. */
function labelsOf(list: unknown): Map<string, LocalizedText> {
  const labels = new Map<string, LocalizedText>();
  for (const item of Array.isArray(list) ? list : []) {
    if (isObject(item) && 'value' in item) labels.set(String(item.value), localized(item.text, String(item.value)));
    else if (item !== null && item !== undefined) labels.set(String(item), localized(undefined, String(item)));
  }
  return labels;
}

// ── summaries ──────────────────────────────────────────────────────────────────────────────

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const specialLabels: Record<string, LocalizedText> = {
  other: { default: 'Другое', en: 'Other' },
  none: { default: 'Ничего из перечисленного', en: 'None of these' },
  true: { default: 'Да', en: 'Yes' },
  false: { default: 'Нет', en: 'No' },
};

function counted(values: AnswerValue[], answers: unknown[], labels: Map<string, LocalizedText>, answered: number): Count[] {
  return values.map((value) => {
    const count = answers.filter((a) => (Array.isArray(a) ? a.includes(value) : a === value)).length;
    return {
      value,
      label: labels.get(String(value)) ?? specialLabels[String(value)] ?? localized(undefined, String(value)),
      count,
      share: answered ? count / answered : 0,
    };
  });
}

/** The summary of one rule over the answers given to it (empty answers left out). */
function summarize(rule: AnswerRule, element: Json, given: unknown[]): Summary {
  const answers = given.filter((a) => !isEmpty(a));
  const answered = answers.length;
  switch (rule.kind) {
    case 'single':
    case 'rating':
    case 'boolean': {
      const values =
        rule.kind === 'single'
          ? [...rule.choices.values, ...(rule.choices.other ? ['other'] : []), ...(rule.choices.none ? ['none'] : [])]
          : rule.values;
      const labels = labelsOf(rule.kind === 'rating' ? element.rateValues : element.choices);
      if (rule.kind === 'boolean') {
        labels.set(String(rule.values[0]), localized(element.labelTrue, 'Да'));
        labels.set(String(rule.values[1]), localized(element.labelFalse, 'Нет'));
        if (element.labelTrue === undefined) labels.set(String(rule.values[0]), specialLabels.true);
        if (element.labelFalse === undefined) labels.set(String(rule.values[1]), specialLabels.false);
      }
      const numbers = answers.filter((a): a is number => typeof a === 'number');
      const scale = (rule.kind === 'rating' || rule.kind === 'single') && numbers.length === answered && answered > 0;
      return {
        kind: 'choices',
        answered,
        counts: counted(values, answers, labels, answered),
        ...(scale ? { mean: round(mean(numbers))!, median: median(numbers)! } : {}),
      };
    }
    case 'multiple': {
      const values = [...rule.choices.values, ...(rule.choices.other ? ['other'] : []), ...(rule.choices.none ? ['none'] : [])];
      return { kind: 'multiple', answered, counts: counted(values, answers, labelsOf(element.choices), answered) };
    }
    case 'number':
    case 'expression': {
      const numbers = answers.filter((a): a is number => typeof a === 'number');
      if (rule.kind === 'expression' && numbers.length < answered) return { kind: 'text', answered };
      return {
        kind: 'number',
        answered,
        mean: round(mean(numbers)),
        median: median(numbers),
        min: numbers.length ? Math.min(...numbers) : null,
        max: numbers.length ? Math.max(...numbers) : null,
      };
    }
    case 'ranking': {
      const labels = labelsOf(element.choices);
      return {
        kind: 'ranking',
        answered,
        items: rule.choices.values.map((value) => {
          const ranks = answers.map((a) => (a as unknown[]).indexOf(value)).filter((i) => i >= 0);
          return {
            value,
            label: labels.get(String(value)) ?? localized(undefined, String(value)),
            meanRank: round(mean(ranks.map((r) => r + 1))),
          };
        }),
      };
    }
    case 'matrix': {
      const rowLabels = labelsOf(element.rows);
      const columnLabels = labelsOf(element.columns);
      return {
        kind: 'matrix',
        answered,
        rows: rule.rowInfo.map((row) => {
          const cells = answers.map((a) => (a as Json)[row.key]).filter((v) => !isEmpty(v));
          return {
            value: row.value,
            label: rowLabels.get(row.key) ?? localized(undefined, row.key),
            summary: { kind: 'choices', answered: cells.length, counts: counted(rule.columns, cells, columnLabels, cells.length) },
          };
        }),
      };
    }
    case 'multipletext':
    case 'matrixdropdown':
    case 'matrixdynamic': {
      // Per field over every row (or the one set of items): cells gathered from all answers.
      const rowsOf = (a: unknown): Json[] =>
        rule.kind === 'multipletext'
          ? [a as Json]
          : rule.kind === 'matrixdynamic'
            ? (a as Json[])
            : Object.values(a as Json).map((r) => r as Json);
      const rows = answers.flatMap(rowsOf).filter(isObject);
      const cells: CellInfo[] = rule.kind === 'multipletext' ? rule.items : rule.columns;
      const definitions = (rule.kind === 'multipletext' ? element.items : element.columns) as unknown;
      const byName = new Map((Array.isArray(definitions) ? definitions : []).filter(isObject).map((c) => [String(c.name), c]));
      return {
        kind: 'fields',
        answered,
        fields: cells.map((cell) => {
          const def = byName.get(cell.name) ?? {};
          const own = { ...def, choices: def.choices ?? element.choices };
          return {
            name: cell.name,
            title: localized(def.title, cell.name),
            summary: summarize(
              cell.rule,
              own,
              rows.map((r) => r[cell.name]),
            ),
          };
        }),
      };
    }
    case 'paneldynamic': {
      const panels = answers.flatMap((a) => (Array.isArray(a) ? a : [])).filter(isObject);
      const inner = elementsByName({ elements: Array.isArray(element.templateElements) ? element.templateElements : [] });
      return {
        kind: 'fields',
        answered,
        fields: [...rule.template.questions.values()].map((q) => {
          const def = inner.get(q.name) ?? {};
          return {
            name: q.name,
            title: localized(def.title, q.name),
            summary: summarize(
              q.rule,
              def,
              panels.map((p) => p[q.name]),
            ),
          };
        }),
      };
    }
    default:
      return { kind: 'text', answered };
  }
}

// ── a campaign's results ───────────────────────────────────────────────────────────────────

function parseFilter(filter: string | undefined, questions: Scope['questions']): { question: string; value: string } | null {
  if (!filter) return null;
  const at = filter.lastIndexOf(':');
  const question = at > 0 ? filter.slice(0, at) : '';
  const rule = questions.get(question)?.rule;
  if (!rule || (rule.kind !== 'single' && rule.kind !== 'multiple' && rule.kind !== 'boolean' && rule.kind !== 'rating'))
    throw problem('results.bad_filter', {
      field: 'filter',
      values: { reason: `"${filter}" is not "question:answer" of a choice question.` },
    });
  return { question, value: filter.slice(at + 1) };
}

const matches = (answer: unknown, value: string) =>
  Array.isArray(answer) ? answer.some((a) => String(a) === value) : answer !== undefined && String(answer) === value;

/** Per-question results of a campaign; throws 404 for an unknown campaign. */
export async function questionResults(store: Store, campaignId: string, options: QuestionOptions): Promise<QuestionResults> {
  const campaign: Campaign | null = await findCampaign(store, campaignId);
  if (!campaign) throw problem('campaign.not_found', { field: 'id' });
  if (options.schoolId && !campaign.schoolIds.includes(options.schoolId))
    throw problem('results.school_not_in_campaign', { field: 'school', values: { school: options.schoolId } });
  const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const { instrument, questions } = compiled;
  const filter = parseFilter(options.filter, questions.questions);
  const cluster: Json[] = [];
  const school: Json[] = [];
  let published: (r: { schoolId: string; answers: Json }) => boolean = () => true;
  if (instrument.anonymous) {
    // Brings the published counts up to date (as a read of the results does), then compares each group's live rows with them.
    await readCampaignTallies(store, campaignId, { published: options.minGroupSize });
    const publishedRows = await publishedRespondents(store, campaignId);
    const liveRows = new Map<string, number>();
    const group = (r: { schoolId: string; answers: Json }) => groupId(campaignId, r.schoolId, roleOf({ answers: r.answers }));
    for await (const r of streamResponses(store, { campaignId }, { fields: ['answers', 'schoolId'] })) {
      const g = group({ schoolId: r.schoolId, answers: r.answers ?? {} });
      liveRows.set(g, (liveRows.get(g) ?? 0) + 1);
    }
    published = (r) => {
      const g = group(r);
      return publishedRows.get(g) === liveRows.get(g);
    };
  }
  for await (const r of streamResponses(store, { campaignId }, { fields: ['answers', 'schoolId'] })) {
    const answers = r.answers ?? {};
    if (!published({ schoolId: r.schoolId, answers })) continue;
    if (options.role !== undefined && answers[roleQuestion] !== options.role) continue;
    if (filter && !matches(answers[filter.question], filter.value)) continue;
    cluster.push(answers);
    if (options.schoolId && r.schoolId === options.schoolId) school.push(answers);
  }
  const survey = instrument.survey as Json;
  const elements = elementsByName(survey);
  // The minimum group protects anonymous answers (as the indicator results do).
  const minGroup = instrument.anonymous ? options.minGroupSize : null;
  const guarded = (summary: Summary, respondents: number): Guarded =>
    minGroup !== null && respondents < minGroup ? { kind: 'withheld', answered: null } : summary;
  return {
    campaign: {
      id: campaign._id,
      title: campaign.title,
      instrumentId: campaign.instrumentId,
      instrumentVersion: campaign.instrumentVersion,
      anonymous: instrument.anonymous,
    },
    minGroupSize: minGroup,
    respondents: { cluster: cluster.length, ...(options.schoolId ? { school: school.length } : {}) },
    filter,
    filterQuestions: [...questions.questions.values()]
      .filter((q) => q.rule.kind === 'single' || q.rule.kind === 'boolean' || q.rule.kind === 'multiple')
      .map((q) => {
        const element = elements.get(q.name) ?? {};
        const summary = summarize(q.rule, element, []);
        const counts = summary.kind === 'choices' || summary.kind === 'multiple' ? summary.counts : [];
        return { name: q.name, title: localized(element.title, q.name), choices: counts.map((c) => ({ value: c.value, label: c.label })) };
      }),
    questions: [...questions.questions.values()].map((q: QuestionInfo) => {
      const element = elements.get(q.name) ?? {};
      return {
        name: q.name,
        title: localized(element.title, q.name),
        type: q.type,
        cluster: guarded(
          summarize(
            q.rule,
            element,
            cluster.map((a) => a[q.name]),
          ),
          cluster.length,
        ),
        ...(options.schoolId
          ? {
              school: guarded(
                summarize(
                  q.rule,
                  element,
                  school.map((a) => a[q.name]),
                ),
                school.length,
              ),
            }
          : {}),
      };
    }),
  };
}
