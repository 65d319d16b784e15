// A refused answer's field (the server's path, such as `clubs[0].hours` or `hours.mon.room`) as
// the respondent knows it: the question's title, and the cell's or inner question's title with its
// row, in the page's language.
import type { Model, Question } from 'survey-core';
import { format, surveyTexts } from './texts';
import type { Locale } from '../../i18n';

const plain = (html: string) => html.replace(/<[^>]+>/g, '').trim();

interface Titled {
  name: string;
  locTitle?: { renderedHtml: string };
  title?: string;
}
const titleOf = (item: Titled | undefined) => (item ? plain(item.locTitle?.renderedHtml ?? item.title ?? item.name) || item.name : '');

/** The question whose name the path starts with (the longest: names may hold "." themselves). */
function owner(questions: Question[], path: string): Question | undefined {
  return questions
    .filter((q) => path === q.name || path.startsWith(`${q.name}.`) || path.startsWith(`${q.name}[`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

export function fieldTitle(model: Model, field: string, locale: Locale): string {
  const path = field.replace(/^answers\./, '');
  const question = owner(model.getAllQuestions(false, false, false) as Question[], path);
  if (!question) return path;
  const title = titleOf(question);
  const rest = path.slice(question.name.length);
  if (!rest) return title;
  const texts = surveyTexts[locale];
  const indexed = /^\[(\d+)\]\.?(.*)$/.exec(rest);
  const position = indexed ? Number(indexed[1]) + 1 : undefined;
  const inner = indexed ? indexed[2] : rest.replace(/^\./, '');
  const q = question as unknown as {
    columns?: Titled[];
    rows?: { value: unknown; locText?: { renderedHtml: string }; text?: string }[];
    items?: Titled[];
    templateElements?: Question[];
  };
  let part: string;
  switch (question.getType()) {
    case 'matrixdynamic':
      part = titleOf(q.columns?.find((c) => c.name === inner));
      break;
    case 'matrixdropdown': {
      const row = q.rows?.find((r) => inner === String(r.value) || inner.startsWith(`${String(r.value)}.`));
      const column = row ? inner.slice(String(row.value).length + 1) : '';
      const rowText = row ? plain(row.locText?.renderedHtml ?? row.text ?? String(row.value)) : '';
      part = [rowText, titleOf(q.columns?.find((c) => c.name === column))].filter(Boolean).join(' — ');
      break;
    }
    case 'multipletext':
      part = titleOf(q.items?.find((i) => i.name === inner));
      break;
    case 'paneldynamic': {
      const innerQuestion = owner(q.templateElements ?? [], inner);
      part = titleOf(innerQuestion);
      break;
    }
    default:
      part = '';
  }
  if (!part && position === undefined) return title;
  return position === undefined ? format(texts.fieldIn, title, part) : format(texts.fieldInRow, title, part || '…', position);
}
