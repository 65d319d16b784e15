// The API's description (GET /api/openapi.json) covers every route the app answers, with the
// parameters its path names, and documents every refusal in the one error shape.
import request from 'supertest';
import { apiRoutes } from '../../server/api-routes';
import { codes } from '../../server/errors';
import { openApiPath } from '../../server/http/openapi';
import { listRoutes } from '../support/routes';
import { startMera, TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera();
});
afterAll(() => mera.close());

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

async function fetchDocument(): Promise<{ document: Document; cacheControl: string }> {
  const res = await request(mera.app).get('/api/openapi.json').expect(200).expect('Content-Type', /json/);
  return { document: res.body as Document, cacheControl: res.headers['cache-control'] };
}

/** "METHOD /api/path/:param" for every operation of the document, in the app's notation. */
const documented = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );

test('GET /api/openapi.json is public, cacheable and an OpenAPI 3.1 document', async () => {
  const { document, cacheControl } = await fetchDocument();
  expect(document.openapi).toBe('3.1.0');
  expect(cacheControl).toMatch(/public/);
  expect(cacheControl).toMatch(/max-age=\d+/);
});

test('every API route of the app is in the document, and every documented route is a route of the app', async () => {
  const { document } = await fetchDocument();
  const routes = listRoutes(mera.app).filter((r) => r.split(' ')[1].startsWith('/api/'));
  expect(routes.length).toBeGreaterThan(40);
  const inDocument = documented(document);
  expect(routes.filter((r) => !inDocument.includes(r))).toEqual([]);
  expect(inDocument.filter((r) => !routes.includes(r))).toEqual([]);
});

test.each(apiRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
  '%s documents the parameters its path names and answers refusals in the Problem shape',
  async (_name, route) => {
    const { document } = await fetchDocument();
    const operation = document.paths[openApiPath(route.path)][route.method];
    const named = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
    const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
    expect(inPath.map((p) => p.name).sort()).toEqual(named);
    expect(inPath.every((p) => p.required)).toBe(true);
    if (route.body) expect(operation.requestBody).toBeDefined();
    expect(operation.responses.default.content?.['application/json'].schema?.$ref).toBe('#/components/schemas/Problem');
    const success = Object.keys(operation.responses).filter((s) => /^[23]\d\d$/.test(s));
    expect(success.length).toBeGreaterThan(0);
  },
);

test("the Problem shape's codes are the catalogue's", async () => {
  const { document } = await fetchDocument();
  const problem = document.components.schemas.Problem as { properties: { error: { properties: { code: { enum: string[] } } } } };
  expect(problem.properties.error.properties.code.enum).toEqual(codes);
});
