// Which answers of a survey are numbers, read from its definition, and the answers converted to
// them before they are sent. survey-core keeps what a number box holds as text ("3", "3,5") inside
// dynamic and dropdown matrices, dynamic panels and multiple text; the server takes numbers there,
// as for any number question. The conversion is the page's, by the question's or cell's inputType
// (or a numeric mask): docs/instruments.md, "Numbers".

import { readNumber } from '../../../../server/surveys/numbers';

type Json = Record<string, unknown>;

/** Where numbers sit under one answer key. */
export type NumberNode =
  | { kind: 'number' }
  | { kind: 'items'; items: Set<string> }
  | { kind: 'rows'; list: boolean; cells: Set<string> }
  | { kind: 'panels'; questions: NumberShape };
export type NumberShape = Map<string, NumberNode>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const childrenOf = (container: Json): unknown[] => {
  const list = container.elements ?? container.questions;
  return Array.isArray(list) ? list : [];
};

/** A text box whose answer is a number: inputType number or range, or a numeric or currency mask. */
const holdsNumber = (box: Json) =>
  box.inputType === 'number' || box.inputType === 'range' || box.maskType === 'numeric' || box.maskType === 'currency';

/** The numbers of a survey definition (pages, panels, "questions" or "elements"). */
export function numberShape(survey: Json): NumberShape {
  const shape: NumberShape = new Map();
  const pages = Array.isArray(survey.pages) ? survey.pages : [survey];
  for (const page of pages) if (isObject(page)) walk(childrenOf(page), shape);
  return shape;
}

function walk(elements: unknown[], shape: NumberShape) {
  for (const element of elements) {
    if (!isObject(element) || typeof element.name !== 'string') {
      if (isObject(element) && element.type === 'panel') walk(childrenOf(element), shape);
      continue;
    }
    const name = element.name;
    switch (element.type) {
      case 'panel':
        walk(childrenOf(element), shape);
        break;
      case 'text':
        if (holdsNumber(element)) shape.set(name, { kind: 'number' });
        break;
      case 'multipletext': {
        const items = new Set(
          (Array.isArray(element.items) ? element.items : [])
            .filter((i): i is Json => isObject(i) && holdsNumber(i))
            .map((i) => String(i.name)),
        );
        if (items.size) shape.set(name, { kind: 'items', items });
        break;
      }
      case 'matrixdropdown':
      case 'matrixdynamic': {
        const cells = new Set(
          (Array.isArray(element.columns) ? element.columns : [])
            .filter((c): c is Json => isObject(c) && (c.cellType ?? element.cellType) === 'text' && holdsNumber(c))
            .map((c) => String(c.name)),
        );
        if (cells.size) shape.set(name, { kind: 'rows', list: element.type === 'matrixdynamic', cells });
        break;
      }
      case 'paneldynamic': {
        const questions: NumberShape = new Map();
        walk(Array.isArray(element.templateElements) ? element.templateElements : [], questions);
        if (questions.size) shape.set(name, { kind: 'panels', questions });
        break;
      }
    }
  }
}

/**
 * "3,8", "3.8", " 1 200 " → a number; «1.300» (a thousand or a decimal?) and anything else → undefined.
 * The same reading as the server's (server/surveys/numbers.ts).
 */
export function parseNumber(text: string): number | undefined {
  const reading = readNumber(text);
  return reading && 'value' in reading ? reading.value : undefined;
}

/** A number box's value as sent: a number when it reads as one, nothing when empty, else as typed (the server names it). */
function numberValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  return parseNumber(value) ?? value;
}

function cellsConverted(row: unknown, cells: Set<string>): unknown {
  if (!isObject(row)) return row;
  const out: Json = {};
  for (const [key, value] of Object.entries(row)) {
    const converted = cells.has(key) ? numberValue(value) : value;
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

/** The answers as the server wants them: every number box's text as a number, wherever it sits. */
export function withNumbers(data: Json, shape: NumberShape): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(data)) {
    const node = shape.get(key);
    let converted: unknown = value;
    if (node?.kind === 'number') converted = numberValue(value);
    else if (node?.kind === 'items') converted = cellsConverted(value, node.items);
    else if (node?.kind === 'rows')
      converted = node.list
        ? Array.isArray(value)
          ? value.map((row) => cellsConverted(row, node.cells))
          : value
        : isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([row, cells]) => [row, cellsConverted(cells, node.cells)]))
          : value;
    else if (node?.kind === 'panels')
      converted = Array.isArray(value) ? value.map((panel) => (isObject(panel) ? withNumbers(panel, node.questions) : panel)) : value;
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}
