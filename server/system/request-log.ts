// What Mera writes about a request in its logs: the method and the path with link tokens masked
// (a token opens a school's survey; logs are read by more people than the database is). One
// function, used by the request logger and by the error handler alike.
import type { RequestHandler } from 'express';

/** Paths whose next segment is a link token: the respondent's page and the link API. Express matches routes case-insensitively, so does this. */
const tokenInPath = /^(\/+(?:s|api\/+links))\/+[^/]+/i;

/** A request URL as it may be logged: the path only (no query string), link tokens replaced by ":token". */
export function maskedPath(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  return path.replace(tokenInPath, '$1/:token');
}

/** Logs each request's method and masked path (MERA_LOG_REQUESTS). */
export function requestLogger(write: (line: string) => void = console.log): RequestHandler {
  return (req, _res, next) => {
    write(`${req.method} ${maskedPath(req.originalUrl)}`);
    next();
  };
}
