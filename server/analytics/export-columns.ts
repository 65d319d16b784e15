// The columns of a responses export, for every question type: one column per stored value, the
// rows of dynamic matrices and the panels of dynamic panels flattened as `question[1].field`,
// headers and choice labels in the chosen language from any locale keys, and each column's code
// (the stored value, under the answer's own key) for the XLSX "Коды" sheet or the CSV's codes option.
// Free text of anonymous surveys stays out (docs/privacy-and-security.md): it is listed in `leftOut`.
import type { Instrument } from '../surveys/instrument';

type Cell = string | number | null;
type Json = Record<string, unknown>;
type Locale = 'ru' | 'en';

export interface ExportColumn {
  /** The question the column reads (its top-level name). */
  question: string;
  header: string;
  /** The stored value's key: `name`, `name.row`, `name[1].field`, `name[2].inner`. */
  key: string;
  /** A number format for XLSX ("0": whole numbers); text otherwise. */
  numFmt?: string;
  /** What a respondent wrote in their own words (an anonymous survey's only from groups of ten: server/disclosure/). */
  freeText?: boolean;
  cell(answers: Json): Cell;
  /** The stored value itself (a choice's value, not its label). */
  code(answers: Json): Cell;
}

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A text in the chosen language from any locale keys ({ default, en }, { ru, en }, a plain string). */
function textIn(text: unknown, locale: Locale, fallback: string): string {
  if (typeof text === 'string') return text || fallback;
  if (!isObject(text)) return fallback;
  const own = (k: string) => (typeof text[k] === 'string' && (text[k] as string).trim() ? (text[k] as string) : undefined);
  const russian = own('default') ?? own('ru');
  return (
    (locale === 'en' ? (own('en') ?? russian) : (russian ?? own('en'))) ??
    Object.values(text).find((v) => typeof v === 'string') ??
    fallback
  );
}

const numeric = (v: unknown): Cell =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const codeOf = (v: unknown): Cell =>
  v === undefined || v === null
    ? null
    : typeof v === 'number' || typeof v === 'string'
      ? v
      : typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);

interface Choice {
  value: unknown;
  text: string;
}
const special = {
  none: { ru: 'Ничего из перечисленного', en: 'None of these' },
  other: { ru: 'Другое', en: 'Other' },
  yes: { ru: 'да', en: 'yes' },
  no: { ru: 'нет', en: 'no' },
};

function choicesOf(list: unknown, locale: Locale, element: Json = {}): Choice[] {
  const choices = (Array.isArray(list) ? list : []).map((c): Choice =>
    isObject(c) ? { value: c.value, text: textIn(c.text, locale, String(c.value)) } : { value: c, text: String(c) },
  );
  if (element.showNoneItem || element.hasNone)
    choices.push({ value: 'none', text: textIn(element.noneText, locale, special.none[locale]) });
  if (element.showOtherItem || element.hasOther)
    choices.push({ value: 'other', text: textIn(element.otherText, locale, special.other[locale]) });
  return choices;
}
/** A dropdown's choicesMin..choicesMax, which survey-core adds after its choices. */
function numberChoices(element: Json): Choice[] {
  const min = element.choicesMin;
  const max = element.choicesMax;
  if (element.type !== 'dropdown' || typeof min !== 'number' || typeof max !== 'number') return [];
  const step = typeof element.choicesStep === 'number' && element.choicesStep > 0 ? element.choicesStep : 1;
  const out: Choice[] = [];
  for (let v = min; v <= max + 1e-9 && out.length <= 500; v += step) out.push({ value: v, text: String(v) });
  return out;
}
const choiceText = (choices: Choice[], v: unknown): Cell =>
  v === undefined || v === null ? null : (choices.find((c) => c.value === v)?.text ?? String(v));

const elementsOf = (container: Json): unknown[] => {
  const list = container.elements ?? container.questions;
  return Array.isArray(list) ? list : [];
};

/** Where one level of answers sits: the whole answer set, or one panel of a dynamic panel. */
interface Level {
  /** The level's answers within a response's answers. */
  at(answers: Json): Json | undefined;
  /** Header and key prefixes: "" at the top, `Дети[1].` / `kids[0].` inside a panel. */
  header: string;
  key: string;
  question?: string;
}

export interface ColumnOptions {
  locale: Locale;
  /** The most rows (dynamic matrices) or panels (dynamic panels) any response has, by key (`name`, `kids[0].clubs`). */
  counts: Map<string, number>;
}

/** The export's columns in the order of the definition, and the questions left out. */
export function exportColumns(instrument: Instrument, options: ColumnOptions): { columns: ExportColumn[]; leftOut: string[] } {
  const { locale, counts } = options;
  const columns: ExportColumn[] = [];
  const leftOut: string[] = [];
  // Free text of an anonymous survey only where the instrument allows it (freeTextInExports).
  const keepFreeText = !instrument.anonymous || instrument.freeTextInExports === true;

  const visit = (elements: unknown[], level: Level) => {
    for (const raw of elements) {
      if (!isObject(raw)) continue;
      const type = String(raw.type ?? '');
      if (type === 'panel') {
        visit(elementsOf(raw), level);
        continue;
      }
      if (type === 'html' || type === 'image') continue;
      const name = String(raw.name ?? '');
      const title = level.header + textIn(raw.title, locale, name);
      const key = level.key + name;
      const question = level.question ?? name;
      const value = (a: Json) => level.at(a)?.[name];
      const add = (column: Omit<ExportColumn, 'question' | 'code'> & { code?: ExportColumn['code'] }) =>
        columns.push({ question, code: (a) => codeOf(valueAtKey(a, column.key)), ...column });
      const valueAtKey = (a: Json, k: string) => (k === key ? value(a) : undefined);
      switch (type) {
        case 'radiogroup':
        case 'dropdown':
        case 'imagepicker': {
          const choices = [...choicesOf(raw.choices, locale, raw), ...numberChoices(raw)];
          if (raw.multiSelect === true) {
            for (const choice of choices)
              add({
                header: `${title}: ${choice.text}`,
                key: `${key}:${String(choice.value)}`,
                numFmt: '0',
                cell: (a) => (Array.isArray(value(a)) ? ((value(a) as unknown[]).includes(choice.value) ? 1 : 0) : null),
                code: (a) => (Array.isArray(value(a)) ? ((value(a) as unknown[]).includes(choice.value) ? 1 : 0) : null),
              });
            break;
          }
          add({ header: title, key, cell: (a) => choiceText(choices, value(a)) });
          // The "other" description is the respondent's own words: kept for personal surveys only.
          if (choices.some((c) => c.value === 'other') && keepFreeText) {
            const comment = (a: Json) => codeOf(level.at(a)?.[`${name}-Comment`]);
            add({ header: `${title}: ${special.other[locale]}`, key: `${key}-Comment`, freeText: true, cell: comment, code: comment });
          }
          break;
        }
        case 'rating': {
          const choices = choicesOf(raw.rateValues, locale);
          const texts = choices.some((c) => typeof c.value !== 'number');
          add(
            texts
              ? { header: title, key, cell: (a) => choiceText(choices, value(a)) }
              : { header: title, key, numFmt: '0', cell: (a) => numeric(value(a)) },
          );
          break;
        }
        case 'boolean':
          add({
            header: title,
            key,
            cell: (a) => {
              const v = value(a);
              if (v === undefined) return null;
              const yes = v === (raw.valueTrue ?? true);
              return textIn(yes ? raw.labelTrue : raw.labelFalse, locale, yes ? special.yes[locale] : special.no[locale]);
            },
          });
          break;
        case 'checkbox':
        case 'tagbox':
          for (const choice of choicesOf(raw.choices, locale, raw)) {
            const present = (a: Json) => (Array.isArray(value(a)) ? ((value(a) as unknown[]).includes(choice.value) ? 1 : 0) : null);
            add({ header: `${title}: ${choice.text}`, key: `${key}:${String(choice.value)}`, numFmt: '0', cell: present, code: present });
          }
          break;
        case 'ranking': {
          // One column per place: the choice ranked there.
          const choices = choicesOf(raw.choices, locale);
          choices.forEach((_, place) => {
            const at = (a: Json) => (Array.isArray(value(a)) ? (value(a) as unknown[])[place] : undefined);
            add({
              header: `${title} [${place + 1}]`,
              key: `${key}[${place}]`,
              cell: (a) => choiceText(choices, at(a)),
              code: (a) => codeOf(at(a)),
            });
          });
          break;
        }
        case 'matrix': {
          const matrixColumns = choicesOf(raw.columns, locale);
          const allNumbers = matrixColumns.every((c) => typeof c.value === 'number');
          for (const row of choicesOf(raw.rows, locale)) {
            const rowKey = String(row.value);
            const at = (a: Json) => (isObject(value(a)) ? (value(a) as Json)[rowKey] : undefined);
            add({
              header: `${title}: ${row.text}`,
              key: `${key}.${rowKey}`,
              ...(allNumbers ? { numFmt: '0' } : {}),
              cell: (a) => (allNumbers ? numeric(at(a)) : choiceText(matrixColumns, at(a))),
              code: (a) => codeOf(at(a)),
            });
          }
          break;
        }
        case 'multipletext':
        case 'matrixdropdown':
        case 'matrixdynamic': {
          const cells = (type === 'multipletext' ? raw.items : raw.columns) as unknown;
          const list = (Array.isArray(cells) ? cells : []).filter(isObject);
          const rows: { header: string; key: string; at: (a: Json) => unknown }[] =
            type === 'multipletext'
              ? [{ header: title, key, at: value }]
              : type === 'matrixdropdown'
                ? choicesOf(raw.rows, locale).map((row) => ({
                    header: `${title}: ${row.text}`,
                    key: `${key}.${String(row.value)}`,
                    at: (a: Json) => (isObject(value(a)) ? (value(a) as Json)[String(row.value)] : undefined),
                  }))
                : Array.from({ length: counts.get(key) ?? 0 }, (_, i) => ({
                    header: `${title}[${i + 1}]`,
                    key: `${key}[${i}]`,
                    at: (a: Json) => (Array.isArray(value(a)) ? (value(a) as unknown[])[i] : undefined),
                  }));
          for (const row of rows)
            for (const cell of list) {
              const cellName = String(cell.name ?? '');
              const cellType = type === 'multipletext' ? 'text' : String(cell.cellType ?? raw.cellType ?? 'dropdown');
              const at = (a: Json) => (isObject(row.at(a)) ? (row.at(a) as Json)[cellName] : undefined);
              const header = `${row.header}.${textIn(cell.title, locale, cellName)}`;
              const cellKey = `${row.key}.${cellName}`;
              const number =
                cellType === 'expression' || cell.inputType === 'number' || cell.maskType === 'numeric' || cellType === 'rating';
              if (number) add({ header, key: cellKey, cell: (a) => numeric(at(a)), code: (a) => codeOf(at(a)) });
              else if (cellType === 'text' || cellType === 'comment') {
                if (keepFreeText) add({ header, key: cellKey, freeText: true, cell: (a) => codeOf(at(a)), code: (a) => codeOf(at(a)) });
                else if (!leftOut.includes(header)) leftOut.push(header);
              } else if (cellType === 'boolean')
                add({
                  header,
                  key: cellKey,
                  cell: (a) => (at(a) === undefined ? null : at(a) === true ? special.yes[locale] : special.no[locale]),
                  code: (a) => codeOf(at(a)),
                });
              else {
                const choices = choicesOf(cell.choices ?? raw.choices, locale);
                add({
                  header,
                  key: cellKey,
                  cell: (a) => {
                    const v = at(a);
                    return Array.isArray(v) ? v.map((x) => choiceText(choices, x)).join('; ') : choiceText(choices, v);
                  },
                  code: (a) => codeOf(at(a)),
                });
              }
            }
          // The totals of a matrix (survey-core's "<name>-total"), worked out from the rows kept.
          if (type !== 'multipletext')
            for (const cell of list) {
              if (typeof cell.totalType !== 'string' || cell.totalType === 'none') continue;
              const cellName = String(cell.name ?? '');
              const total = (a: Json): Cell => {
                const v = value(a);
                const values = (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []).map((r) =>
                  isObject(r) ? r[cellName] : undefined,
                );
                const answered = values.filter((x) => x !== undefined && x !== null && x !== '');
                const numbers = answered.map(numeric).filter((x): x is number => typeof x === 'number');
                switch (cell.totalType) {
                  case 'count':
                    return answered.length;
                  case 'sum':
                    return numbers.reduce((s, x) => s + x, 0);
                  case 'min':
                    return numbers.length ? Math.min(...numbers) : null;
                  case 'max':
                    return numbers.length ? Math.max(...numbers) : null;
                  case 'avg':
                    return numbers.length ? numbers.reduce((s, x) => s + x, 0) / numbers.length : null;
                  default:
                    return null;
                }
              };
              add({
                header: `${title}: ${locale === 'en' ? 'total' : 'итого'} ${textIn(cell.title, locale, cellName)}`,
                key: `${key}-total.${cellName}`,
                cell: total,
                code: total,
              });
            }
          break;
        }
        case 'paneldynamic': {
          const template = Array.isArray(raw.templateElements) ? raw.templateElements : [];
          for (let i = 0; i < (counts.get(key) ?? 0); i++)
            visit(template, {
              at: (a) => {
                const panels = value(a);
                return Array.isArray(panels) && isObject(panels[i]) ? (panels[i] as Json) : undefined;
              },
              header: `${title}[${i + 1}].`,
              key: `${key}[${i}].`,
              question,
            });
          break;
        }
        case 'expression':
          add({ header: title, key, cell: (a) => numeric(value(a)) ?? codeOf(value(a)), code: (a) => codeOf(value(a)) });
          break;
        default:
          if (
            type === 'text' &&
            (raw.inputType === 'number' || raw.inputType === 'range' || raw.maskType === 'numeric' || raw.maskType === 'currency')
          )
            add({ header: title, key, cell: (a) => numeric(value(a)) });
          else if ((type === 'text' || type === 'comment') && keepFreeText)
            add({ header: title, key, freeText: true, cell: (a) => codeOf(value(a)) });
          else leftOut.push(title);
      }
    }
  };
  const survey = instrument.survey as Json;
  const pages = Array.isArray(survey.pages) ? survey.pages : [survey];
  for (const page of pages) if (isObject(page)) visit(elementsOf(page), { at: (a) => a, header: '', key: '' });
  return { columns, leftOut };
}

/** The dynamic questions whose row or panel counts decide the columns, as keys (`clubs`, `kids[0].clubs` left to the top level). */
export function dynamicQuestions(instrument: Instrument): string[] {
  const names: string[] = [];
  const walk = (elements: unknown[]) => {
    for (const e of elements) {
      if (!isObject(e)) continue;
      if (e.type === 'panel') walk(elementsOf(e));
      else if ((e.type === 'matrixdynamic' || e.type === 'paneldynamic') && typeof e.name === 'string') names.push(e.name);
    }
  };
  const survey = instrument.survey as Json;
  for (const page of Array.isArray(survey.pages) ? survey.pages : [survey]) if (isObject(page)) walk(elementsOf(page));
  return names;
}

/** Adds one response's row and panel counts (nested dynamic questions inside panels included) to `counts`. */
export function countRows(instrument: Instrument, answers: Json, counts: Map<string, number>) {
  const walk = (elements: unknown[], level: Json | undefined, prefix: string) => {
    for (const e of elements) {
      if (!isObject(e) || !level) continue;
      if (e.type === 'panel') {
        walk(elementsOf(e), level, prefix);
        continue;
      }
      const name = String(e.name ?? '');
      const v = level[name];
      if ((e.type === 'matrixdynamic' || e.type === 'paneldynamic') && Array.isArray(v)) {
        const key = prefix + name;
        counts.set(key, Math.max(counts.get(key) ?? 0, v.length));
        if (e.type === 'paneldynamic')
          v.forEach((panel, i) =>
            walk(Array.isArray(e.templateElements) ? e.templateElements : [], isObject(panel) ? panel : undefined, `${key}[${i}].`),
          );
      }
    }
  };
  const survey = instrument.survey as Json;
  for (const page of Array.isArray(survey.pages) ? survey.pages : [survey]) if (isObject(page)) walk(elementsOf(page), answers, '');
}
