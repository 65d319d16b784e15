// The request guards' pure parts: the pre-parse scan of raw JSON, the walk over a parsed body, and
// the masking of link tokens in logged paths.
import type { Request, Response } from 'express';
import { findBodyFault, guardBodyKeys, guardSubmissionKeys, MAX_BODY_DEPTH, rawShapeFault } from '../../server/request-guards';
import { maskedPath } from '../../server/system/request-log';

const bytes = (text: string) => Buffer.from(text);

describe('rawShapeFault', () => {
  it('passes a body nested exactly to the limit and refuses one level more', () => {
    expect(rawShapeFault(bytes('['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH)))).toBeUndefined();
    expect(rawShapeFault(bytes('['.repeat(MAX_BODY_DEPTH + 1) + ']'.repeat(MAX_BODY_DEPTH + 1)))).toBe('too_deep');
  });

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[{[{\\"],,,,'.repeat(1000), b: 'я"[' });
    expect(rawShapeFault(bytes(text), 2, 10)).toBeUndefined();
  });

  it('counts objects, arrays and the items after the first in each against the item limit', () => {
    expect(rawShapeFault(bytes('[1,2,3]'), 10, 3)).toBeUndefined();
    expect(rawShapeFault(bytes('[1,2,3,4]'), 10, 3)).toBe('too_many_items');
    expect(rawShapeFault(bytes('{"a":{},"b":[]}'), 10, 4)).toBeUndefined();
    expect(rawShapeFault(bytes('{"a":{},"b":[],"c":1}'), 10, 4)).toBe('too_many_items');
  });

  it('refuses an unclosed body nested a million deep as too deep', () => {
    const deep = bytes('['.repeat(1_000_000));
    expect(rawShapeFault(deep)).toBe('too_deep');
  });
});

describe('findBodyFault', () => {
  it('accepts ordinary bodies, primitives and nothing', () => {
    expect(findBodyFault({ answers: { q1: 1, m: { row1: 'a' }, list: [{ x: 1 }] } })).toBeUndefined();
    expect(findBodyFault(undefined)).toBeUndefined();
    expect(findBodyFault('text')).toBeUndefined();
  });

  it('names the path of the first fault with indexes and quoted dotted keys', () => {
    expect(findBodyFault({ answers: { m: [{ ok: 1 }, { $gt: 1 }] } })).toEqual({ kind: 'operator', path: 'answers.m[1].$gt' });
    expect(findBodyFault(JSON.parse('{"answers":{"q":{"__proto__":{"polluted":true}}}}'))).toEqual({
      kind: 'prototype',
      path: 'answers.q.__proto__',
    });
    expect(findBodyFault({ answers: { 'row.1': 1 } })).toEqual({ kind: 'dotted', path: 'answers["row.1"]' });
    expect(findBodyFault([[{ 'a.b': 1 }]])).toEqual({ kind: 'dotted', path: '[0][0]["a.b"]' });
  });

  it("keeps a survey's names under a submission's answers (dots and $, as SurveyJS takes them) but never prototype names", () => {
    const answers = { 'why.not': 'x', $price: 12, courses: { 'U.S. History': 3 }, rows: [{ 'shoe.size': 40 }] };
    expect(findBodyFault({ answers }, { answerNames: true })).toBeUndefined();
    expect(findBodyFault({ answers })).toEqual({ kind: 'dotted', path: 'answers["why.not"]' });
    expect(findBodyFault(JSON.parse('{"answers":{"q":{"__proto__":{"polluted":true}}}}'), { answerNames: true })?.kind).toBe('prototype');
    expect(findBodyFault({ answers: { rows: [{ constructor: 1 }] } }, { answerNames: true })?.kind).toBe('prototype');
    // Outside the answers the rules stay: no operator, no dot.
    expect(findBodyFault({ $where: '1', answers: {} }, { answerNames: true })).toEqual({ kind: 'operator', path: '$where' });
    expect(findBodyFault({ 'answers.x': 1 }, { answerNames: true })).toEqual({ kind: 'dotted', path: '["answers.x"]' });
    expect(findBodyFault({ extra: { answers: { 'a.b': 1 } } }, { answerNames: true })?.kind).toBe('dotted');
  });

  it('leaves a body the submission guard passed to it, and only that one, when the strict guard runs after (app.ts)', () => {
    const run = (guards: (typeof guardBodyKeys)[], body: unknown) => {
      const req = { body } as Request;
      const errors: unknown[] = [];
      for (const guard of guards) void guard(req, {} as Response, (err?: unknown) => errors.push(err));
      return errors.map((e) => (e as { code?: string } | undefined)?.code);
    };
    const named = { answers: { 'why.not': 'x', $price: 1 } };
    expect(run([guardSubmissionKeys, guardBodyKeys], named)).toEqual([undefined, undefined]);
    expect(run([guardBodyKeys], named)).toEqual(['request.dotted_key']);
    // A refused body is not marked: the strict guard after it refuses it too.
    expect(run([guardSubmissionKeys, guardBodyKeys], { ...named, $where: 1 })).toEqual(['request.operator', 'request.operator']);
  });

  it('refuses nesting deeper than the limit without recursion, however deep the value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBodyFault(deep)?.kind).toBe('too_deep');
    expect(findBodyFault({ a: { b: { c: 1 } } }, { maxDepth: 3 })).toBeUndefined();
    expect(findBodyFault({ a: { b: { c: {} } } }, { maxDepth: 3 })).toEqual({ kind: 'too_deep', path: 'a.b.c' });
  });

  it('finds a fault behind a value reached through two keys, and names one of its paths', () => {
    const shared = { ok: { 'x.y': 1 } };
    expect(findBodyFault({ a: shared, b: shared })?.kind).toBe('dotted');
  });
});

describe('maskedPath', () => {
  it('replaces link tokens in the respondent page and the link API, in any letter case, and drops the query string', () => {
    expect(maskedPath('/s/AbCdEfGhIjKlMnOpQrStUvWx')).toBe('/s/:token');
    expect(maskedPath('/api/links/AbCdEfGhIjKlMnOpQrStUvWx/responses?x=AbCd')).toBe('/api/links/:token/responses');
    expect(maskedPath('/API/Links/AbCdEfGhIjKlMnOpQrStUvWx')).toBe('/API/Links/:token');
    expect(maskedPath('//api//links/AbCdEfGhIjKlMnOpQrStUvWx#frag')).toBe('//api//links/:token');
  });

  it('leaves other paths as they are', () => {
    expect(maskedPath('/api/instruments/parent-survey')).toBe('/api/instruments/parent-survey');
    expect(maskedPath('/assets/s/app.js')).toBe('/assets/s/app.js');
  });
});
