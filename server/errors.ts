// The one error type of Mera and the one place that turns errors into HTTP answers.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { maskedPath } from './system/request-log';

/** A failure a person can act on: a stable code, an HTTP status, a sentence, and the field at fault. */
export class Problem extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'Problem';
  }
}

function problemBody(problem: Problem) {
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
      return new Problem('request.malformed_json', 400, 'The request body is not valid JSON.', 'body');
    case 'entity.too.large':
      return new Problem('request.too_large', 413, `The request body is larger than the limit of ${err.limit} bytes.`, 'body');
    case 'encoding.unsupported':
      return new Problem(
        'request.bad_content_encoding',
        415,
        `Content-Encoding "${err.encoding}" is not accepted: send the body uncompressed, or as gzip, deflate or br.`,
        'content-encoding',
      );
    case 'charset.unsupported':
      return new Problem('request.bad_encoding', 415, 'The request body must be UTF-8 encoded JSON.', 'content-type');
  }
  const status = typeof err.status === 'number' ? err.status : 0;
  if (status < 400 || status > 499) return undefined;
  // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR) and brotli's (ERR__ERROR_FORMAT_…): the body is not what its Content-Encoding says.
  if (typeof err.code === 'string' && /^(Z_|ERR__)/.test(err.code)) {
    return new Problem(
      'request.bad_compression',
      400,
      'The request body is not valid data in the compression its Content-Encoding names.',
      'content-encoding',
    );
  }
  return new Problem('request.unreadable', status, 'The request could not be read. Send it again as JSON.', 'body');
}

export function errorHandler(log: (message: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const problem = err instanceof Problem ? err : fromRequestReading(err);
    if (problem) {
      res.status(problem.status).json(problemBody(problem));
      return;
    }
    log(`unexpected error on ${req.method} ${maskedPath(req.originalUrl)}`, err);
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again later.' } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new Problem('not_found', 404, `There is no ${req.method} ${req.path} in the API.`));
};
