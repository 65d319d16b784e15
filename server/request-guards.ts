// Checks every API request body passes before any route sees it: how it is read (JSON, UTF-8,
// size after inflation, nesting depth before parsing) and what its keys may be (no MongoDB
// operators, no prototype names, no dots; a body's `answers` may use a survey's own names). Runs on every submission, so each check is one cheap
// iterative pass: no recursion a deep body could overflow, no work proportional to its depth.
import express, { type RequestHandler } from 'express';
import { problem, type Problem } from './errors';

/** The deepest nesting of objects and arrays a request body may have (a body `{}` has depth 1). */
export const MAX_BODY_DEPTH = 64;

/**
 * The most items (objects, arrays, and the members and elements after the first in each) a body
 * may have. Parsing and walking cost grows with items, not bytes: 2 MB of tiny objects costs
 * JSON.parse over 100 ms of a core, while the largest built-in instrument has 1 414 items.
 */
export const MAX_BODY_ITEMS = { request: 20_000, upload: 100_000 } as const;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export type RawShapeFault = 'too_deep' | 'too_many_items';

/**
 * Whether raw JSON text nests deeper than `maxDepth` or has more than `maxItems` items, read before
 * JSON.parse spends time on it. Reads UTF-8 bytes (no multi-byte sequence contains an ASCII byte)
 * and stops at the first byte past a limit: a body nested a million deep costs `maxDepth` bytes of
 * reading, never a parse.
 */
export function rawShapeFault(
  bytes: Uint8Array,
  maxDepth: number = MAX_BODY_DEPTH,
  maxItems: number = MAX_BODY_ITEMS.request,
): RawShapeFault | undefined {
  let depth = 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return 'too_deep';
      if (++items > maxItems) return 'too_many_items';
    } else if (byte === COMMA) {
      if (++items > maxItems) return 'too_many_items';
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return undefined;
}

const tooDeep = (where?: string) =>
  problem('request.too_deep', { field: where ?? 'body', values: { limit: MAX_BODY_DEPTH, where: where ? ` (at "${where}")` : '' } });

/** Bodies larger than this are parsed in a turn of the event loop of their own. */
const LARGE_BODY_BYTES = 64 * 1024;
const largeBody = Symbol('large body');

/**
 * Express's JSON parser with Mera's reading rules: UTF-8 only, `limit` applied to the body after
 * inflation (gzip, deflate and br bodies are accepted; a bomb stops reading at the limit with a 413),
 * and nesting deeper than MAX_BODY_DEPTH or more than `maxItems` items refused before JSON.parse
 * spends time on them.
 */
export function jsonBody(limit: string, maxItems: number = MAX_BODY_ITEMS.request): RequestHandler {
  const parse = express.json({
    limit,
    strict: true,
    verify: (req, _res, bytes, encoding) => {
      (req as { [largeBody]?: boolean })[largeBody] = bytes.length > LARGE_BODY_BYTES;
      if (encoding !== 'utf-8' && encoding !== 'utf8') {
        throw problem('request.bad_encoding', { field: 'content-type' });
      }
      const fault = rawShapeFault(bytes, MAX_BODY_DEPTH, maxItems);
      if (fault === 'too_deep') throw tooDeep();
      if (fault === 'too_many_items') {
        throw problem('request.too_many_items', { field: 'body', values: { limit: maxItems } });
      }
    },
  });
  // Reading and parsing a large body (an upload of a few MB) is one long step: the guards and the
  // route that walk it again start in a later turn of the event loop, so requests that arrived
  // meanwhile are answered in between.
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err || !(req as { [largeBody]?: boolean })[largeBody]) return next(err);
      setImmediate(next);
    });
}

export type BodyFaultKind = 'operator' | 'prototype' | 'dotted' | 'too_deep';

export interface BodyFault {
  kind: BodyFaultKind;
  /** Where in the body, as a path: `answers.q1`, `answers.m1["row.1"]`, `items[3].$gt`. */
  path: string;
}

export interface BodyFaultOptions {
  maxDepth?: number;
  /**
   * The keys under the body's top-level `answers` are a survey's own names (a respondent's
   * submission, a teacher's diagnostic, a school's form): SurveyJS takes "." and "$" in them ("U.S. history", "$price"), the validator refuses
   * any that is no question, row, column or item of the instrument, and the store keeps them encoded
   * (server/surveys/answer-keys.ts). Only prototype names and depth are refused there.
   */
  answerNames?: boolean;
}

/** The first key a request body may not have, or nesting deeper than allowed; undefined when the body is fine. */
export function findBodyFault(
  body: unknown,
  { maxDepth = MAX_BODY_DEPTH, answerNames = false }: BodyFaultOptions = {},
): BodyFault | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  // Depth-first with an explicit stack of containers, their depths and whether their keys are a
  // survey's names (parallel arrays: no allocation per node). Paths are only worked out once something is found.
  const values: object[] = [body];
  const depths: number[] = [1];
  const names: boolean[] = [false];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    const named = names.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child !== null && typeof child === 'object') {
          if (depth >= maxDepth) return { kind: 'too_deep', path: pathTo(body, value, i) };
          values.push(child);
          depths.push(depth + 1);
          names.push(named);
        }
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const kind = keyFault(key, named);
      if (kind) return { kind, path: pathTo(body, value, key) };
      const child = record[key];
      if (child !== null && typeof child === 'object') {
        if (depth >= maxDepth) return { kind: 'too_deep', path: pathTo(body, value, key) };
        values.push(child);
        depths.push(depth + 1);
        names.push(named || (answerNames && value === body && key === 'answers'));
      }
    }
  }
  return undefined;
}

function keyFault(key: string, surveyName: boolean): BodyFaultKind | undefined {
  // Key names that reach an object's prototype machinery when code assigns them.
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') return 'prototype';
  if (surveyName) return undefined;
  if (key.charCodeAt(0) === 0x24 /* $ */) return 'operator';
  if (key.includes('.')) return 'dotted';
  return undefined;
}

/** The path from `root` to `container[key]`, found by a second (iterative) walk that only runs for a fault. */
function pathTo(root: object, container: object, key: string | number): string {
  const parents = new Map<object, [object, string | number]>();
  const stack: object[] = [root];
  while (stack.length > 0 && !parents.has(container) && container !== root) {
    const value = stack.pop()!;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const k of keys) {
      const child = (value as Record<string | number, unknown>)[k];
      if (child !== null && typeof child === 'object' && !parents.has(child) && child !== root) {
        // Own data only: a "__proto__" key is a fault before it is ever walked into.
        if (k === '__proto__') continue;
        parents.set(child, [value, k]);
        stack.push(child);
      }
    }
  }
  const steps: (string | number)[] = [key];
  for (let at = container; at !== root;) {
    const [parent, k] = parents.get(at)!;
    steps.push(k);
    at = parent;
  }
  return steps.reverse().reduce<string>((path, step) => path + pathStep(step, path === ''), '');
}

function pathStep(step: string | number, first: boolean): string {
  if (typeof step === 'number') return `[${step}]`;
  if (step.includes('.') || step.includes('[') || step === '') return `[${JSON.stringify(step)}]`;
  return first ? step : `.${step}`;
}

function faultProblem(fault: BodyFault): Problem {
  switch (fault.kind) {
    case 'operator':
      return problem('request.operator', { field: fault.path, values: { path: fault.path } });
    case 'prototype':
      return problem('request.prototype_key', { field: fault.path, values: { path: fault.path } });
    case 'dotted':
      return problem('request.dotted_key', { field: fault.path, values: { path: fault.path } });
    case 'too_deep':
      return tooDeep(fault.path);
  }
}

const answersGuarded = Symbol('answers guarded');

/**
 * Refuses a body with a MongoDB operator, a prototype name or a dot in a key, or nested too deep.
 * A body guardSubmissionKeys has already passed is left to it.
 */
export const guardBodyKeys: RequestHandler = (req, _res, next) => {
  if ((req as { [answersGuarded]?: boolean })[answersGuarded]) return next();
  const fault = findBodyFault(req.body);
  next(fault ? faultProblem(fault) : undefined);
};

/**
 * The same for a body of answers keyed by the survey's own names (BodyFaultOptions.answerNames): a
 * respondent's submission, a teacher's diagnostic, a school's form (routes marked `answerNames`).
 */
export const guardSubmissionKeys: RequestHandler = (req, _res, next) => {
  const fault = findBodyFault(req.body, { answerNames: true });
  if (fault) return next(faultProblem(fault));
  (req as { [answersGuarded]?: boolean })[answersGuarded] = true;
  next();
};

/** State-changing API requests must carry JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    return next(problem('request.not_json', { field: 'content-type' }));
  }
  next();
};
