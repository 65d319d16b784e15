// The API described for its users: an OpenAPI 3.1 document made from the components' route
// descriptions (their schema.ts), so the schemas a route is validated with are the ones documented.
// Served at GET /api/openapi.json, made once per app.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { codes } from '../errors';
import type { AnswerType, ApiRoute } from './api-route';

const mediaTypes: Record<Exclude<AnswerType, 'none'>, string> = {
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The one shape of every refusal (server/errors). */
const problemSchema = z
  .object({
    error: z.object({
      code: z.enum(codes).meta({ description: 'A stable code from the catalogue (docs/api-errors.md).' }),
      message: z.string().meta({ description: 'An English sentence for logs and API users; pages show their own text per code.' }),
      field: z.string().optional().meta({ description: 'The field at fault: a body path, a query or path parameter, or a header.' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Problem' });

const refusal = (description: string) => ({ description, content: { 'application/json': { schema: problemSchema } } });

/** Express's /campaigns/:id as OpenAPI's /campaigns/{id}. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The refusals a route can answer with, by what it reads and who may call it. */
function refusals(route: ApiRoute): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = {};
  if (route.params || route.query || route.body || route.headers) responses[400] = refusal('The request is not valid: the field is named.');
  if (route.access !== 'public') {
    responses[401] = refusal('Nobody is signed in (and no administrator token was sent).');
    responses[403] = refusal(
      route.access === 'administrator' ? 'Only an administrator may do this.' : "The reader's role or school may not do this.",
    );
  }
  if (route.params) responses[404] = refusal('What the path names does not exist.');
  responses.default = refusal('Any other refusal, with its code from the catalogue.');
  return responses;
}

function pathConfig(route: ApiRoute): RouteConfig {
  const objectOf = (schema: z.ZodType | undefined, part: string) => {
    if (schema === undefined) return undefined;
    if (!(schema instanceof z.ZodObject)) throw new Error(`${route.method} ${route.path}: the ${part} schema must be a zod object.`);
    return schema;
  };
  const success: RouteConfig['responses'] = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    const type = answer.type ?? 'json';
    success[status] =
      type === 'none'
        ? { description: answer.description }
        : {
            description: answer.description,
            content: { [mediaTypes[type]]: { schema: answer.schema ?? (type === 'json' ? z.object({}).loose() : z.string()) } },
          };
  }
  return {
    method: route.method,
    path: openApiPath(route.path),
    summary: route.summary,
    tags: [route.path.split('/')[2]],
    ...(route.access === 'public' ? { security: [] } : {}),
    request: {
      params: objectOf(route.params, 'params'),
      query: objectOf(route.query, 'query'),
      headers: route.headers,
      body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
    },
    responses: { ...success, ...refusals(route) },
  };
}

function openApiDocument(routes: ApiRoute[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'mera.sid',
    description:
      'The session cookie of POST /api/session (__Host-mera.sid over HTTPS). Requests that change something also send the x-csrf-token header from GET /api/session.',
  });
  registry.registerComponent('securitySchemes', 'administratorToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'MERA_ADMIN_TOKEN, for automation and first set-up.',
  });
  for (const route of routes) registry.registerPath(pathConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Mera API',
      version: '1',
      description:
        'Surveys and diagnostics for a cluster of schools. Every refusal is { error: { code, message, field?, details? } } with a code from the catalogue.',
    },
    security: [{ session: [] }, { administratorToken: [] }],
  });
}

/** GET /api/openapi.json: the document, made on the first request and kept. */
export function serveOpenApi(routes: ApiRoute[]): RequestHandler {
  let document: string | undefined;
  return (_req, res) => {
    document ??= JSON.stringify(openApiDocument(routes));
    res.set('Cache-Control', 'public, max-age=3600').type('json').send(document);
  };
}
