// The one validation step of every API route: its path parameters, query and body are parsed with
// the route's zod schemas (in its component's schema.ts) before its handler runs, and the handler
// reads typed, parsed values from req.params, req.query and req.body. A refusal is a 400 naming the
// field at fault; the same route descriptions make the OpenAPI document (./openapi.ts).
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { catalogue, problem, type Code, type Problem } from '../errors';

/** The id of every stored thing (campaigns, schools, users, links): 1–64 letters, digits, - and _. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: 1–64 letters, digits, - and _');

/** A request that carries no body (or `{}`). */
export const noBody = z.object({}).strict();

/** Codes whose sentence is the refusal's reason and which name a field: the codes a schema's refusal may answer with. */
export type InvalidCode = {
  [C in Code]: (typeof catalogue)[C]['message'] extends '{reason}' ? ((typeof catalogue)[C]['field'] extends true ? C : never) : never;
}[Code];

export type Part = 'params' | 'query' | 'body';

export interface RouteSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The code of a refused body, when it describes one of the component's things (campaign.invalid); otherwise request.invalid. */
  bodyCode?: InvalidCode;
}

/** Any request, whatever validate() parsed its parts into: for helpers that read only the actor, headers or host. */
export type AnyRequest = Request<unknown, unknown, unknown, unknown>;

type Parsed<T, Otherwise> = T extends z.ZodType ? z.output<T> : Otherwise;

/**
 * Parses a route's path parameters, query and body with its schemas (those it has), replacing them
 * with the parsed values, or refuses the request with a 400 naming the field.
 */
export function validate<S extends RouteSchemas>(
  schemas: S,
): RequestHandler<Parsed<S['params'], Record<string, string>>, unknown, Parsed<S['body'], unknown>, Parsed<S['query'], unknown>> {
  const parts = (['params', 'query', 'body'] as const).filter((part) => schemas[part] !== undefined);
  return (req, _res, next) => {
    for (const part of parts) {
      const parsed = schemas[part]!.safeParse(req[part] ?? {});
      if (!parsed.success) return next(requestProblem(parsed.error, schemas[part]!, part, part === 'body' ? schemas.bodyCode : undefined));
      // Express 5 reads req.query through a getter on every access: the parsed value is set on the request itself.
      if (part === 'query')
        Object.defineProperty(req, 'query', { value: parsed.data, writable: true, enumerable: true, configurable: true });
      else req[part] = parsed.data as never;
    }
    next();
  };
}

/**
 * A body parsed with its route's schema inside the handler, for the routes that ask their policy
 * first: an actor refused there gets 403 whatever the body (tests/api/roles-matrix.test.ts).
 */
export function parseBody<S extends RouteSchemas & { body: z.ZodType }>(schemas: S, body: unknown): z.output<S['body']> {
  const parsed = schemas.body.safeParse(body ?? {});
  if (!parsed.success) throw requestProblem(parsed.error, schemas.body, 'body', schemas.bodyCode);
  return parsed.data as z.output<S['body']>;
}

/** A zod refusal of one part of a request as a Problem naming the first field at fault (its path in the part). */
function requestProblem(error: z.ZodError, schema: z.ZodType, part: Part, code: InvalidCode = 'request.invalid'): Problem {
  const issue = error.issues[0];
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]].join('.');
    // At the top of a part, the fields it does take (the query's filters, say) are named.
    const known = path.length === 0 && schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    const takes = known.length ? `; it takes ${known.map((k) => `"${k}"`).join(', ')}` : '';
    return problem(code, { field, values: { reason: `"${field}" is not a field of this request's ${partName[part]}${takes}.` } });
  }
  const field = path.length > 0 ? path.join('.') : part;
  return problem(code, { field, values: { reason: `"${field}" is not valid: ${issue.message}.` } });
}

const partName: Record<Part, string> = { params: 'path', query: 'query', body: 'body' };
