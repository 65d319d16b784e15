// How each component describes its routes, in its schema.ts: method and path, who may call it, the
// zod schemas of what it reads (the very ones validate() parses with) and what it answers. The
// OpenAPI document (openapi.ts) is made from these descriptions; a test checks every route of the
// app has one.
import type { z } from 'zod';
import type { RouteSchemas } from './validate';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a success answer carries. */
export type AnswerType = 'json' | 'pdf' | 'png' | 'svg' | 'csv' | 'xlsx' | 'none';

export interface ApiAnswer {
  description: string;
  /** json unless said otherwise. */
  type?: AnswerType;
  /** The JSON answer's shape, where it is described. */
  schema?: z.ZodType;
}

export interface ApiRoute extends RouteSchemas {
  method: Method;
  /** As Express writes it, from the root: /api/campaigns/:id/links. */
  path: string;
  summary: string;
  /**
   * Who reaches the route: anyone; anyone signed in or the administrator token (the component's
   * policies then decide, 403 otherwise); an administrator only.
   */
  access: 'public' | 'signed-in' | 'administrator';
  /**
   * The body's `answers` are keyed by the survey's own names, which may hold "." and "$": app.ts
   * guards such a body with guardSubmissionKeys (request-guards.ts), and the service keeps them encoded.
   */
  answerNames?: true;
  /** Request headers it reads (Idempotency-Key). */
  headers?: z.ZodObject;
  /** Its success answers by status. */
  responses: Record<number, ApiAnswer>;
}
