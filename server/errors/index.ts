// The one error type of Mera and the one place that turns errors into HTTP answers. A Problem is
// made from a code of the catalogue (./catalogue.ts), which alone says its status and its sentence.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { maskedPath } from '../system/request-log';
import { catalogue, type Catalogue, type Code, type Slots, type ValuesOf } from './catalogue';

export { catalogue, codes, type Code } from './catalogue';

/** What a problem of code C carries: the field when its code names one, the values its sentence needs, details for the client. */
export type ProblemOptions<C extends Code> = { details?: unknown } & (Catalogue[C]['field'] extends true
  ? { field: string }
  : { field?: undefined }) &
  ([Slots<Catalogue[C]['message']>] extends [never] ? { values?: undefined } : { values: ValuesOf<C> });

/** `problem(code)` when the code needs nothing more, `problem(code, { field, values, details })` otherwise. */
type OptionsArgument<C extends Code> = object extends ProblemOptions<C> ? [options?: ProblemOptions<C>] : [options: ProblemOptions<C>];

/** A failure a person can act on: a stable code, its HTTP status, a sentence, and the field at fault. */
export class Problem<C extends Code = Code> extends Error {
  readonly status: number;
  readonly field?: string;
  readonly details?: unknown;

  constructor(
    readonly code: C,
    ...[options]: OptionsArgument<C>
  ) {
    const entry = catalogue[code];
    super(fill(entry.message, (options as { values?: Record<string, string | number> } | undefined)?.values));
    this.name = 'Problem';
    this.status = entry.status;
    if (options?.field !== undefined) this.field = options.field;
    if (options?.details !== undefined) this.details = options.details;
  }
}

/** The Problem of a catalogue code: `throw problem('campaign.closed', { details })`. */
export function problem<C extends Code>(code: C, ...options: OptionsArgument<C>): Problem<C> {
  return new Problem(code, ...options);
}

/** A message template with its `{name}`s filled in. */
function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

export function problemBody(problem: Problem) {
  const error: Record<string, unknown> = { code: problem.code, message: problem.message };
  if (problem.field !== undefined) error.field = problem.field;
  if (problem.details !== undefined) error.details = problem.details;
  return { error };
}

/** Errors raised while reading a body (Express's parser, zlib), or any other client error an Express part raised, as Problems. */
function fromRequestReading(err: {
  type?: string;
  limit?: number;
  encoding?: string;
  status?: number;
  code?: unknown;
}): Problem | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return problem('request.malformed_json', { field: 'body' });
    case 'entity.too.large':
      return problem('request.too_large', { field: 'body', values: { limit: err.limit ?? '' } });
    case 'encoding.unsupported':
      return problem('request.bad_content_encoding', { field: 'content-encoding', values: { encoding: err.encoding ?? '' } });
    case 'charset.unsupported':
      return problem('request.bad_encoding', { field: 'content-type' });
  }
  const status = typeof err.status === 'number' ? err.status : 0;
  if (status < 400 || status > 499) return undefined;
  // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR) and brotli's (ERR__ERROR_FORMAT_…): the body is not what its Content-Encoding says.
  if (typeof err.code === 'string' && /^(Z_|ERR__)/.test(err.code))
    return problem('request.bad_compression', { field: 'content-encoding' });
  // Any other client error of an Express part (an aborted body, a path that is not valid %-encoding).
  return problem('request.unreadable', { field: 'body' });
}

export function errorHandler(log: (message: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const found = err instanceof Problem ? err : fromRequestReading(err);
    if (found) {
      res.status(found.status).json(problemBody(found));
      return;
    }
    log(`unexpected error on ${req.method} ${maskedPath(req.originalUrl)}`, err);
    res.status(500).json(problemBody(problem('internal')));
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(problem('not_found', { values: { method: req.method, path: req.path } }));
};
