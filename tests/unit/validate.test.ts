// The validation step every route runs first: parsed values reach the handler, and a refusal is a
// 400 in the one error shape naming the field at fault.
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from '../../server/errors';
import { id, noBody, validate } from '../../server/http/validate';

const listing = {
  params: z.object({ id, version: z.coerce.number().int().positive() }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10), school: id.optional() }).strict(),
};
const change = {
  params: z.object({ id }),
  body: z.object({ title: z.string().min(1), targets: z.record(id, z.number().int().min(1)).optional() }).strict(),
  bodyCode: 'campaign.invalid' as const,
};

function app() {
  const app = express();
  app.use(express.json());
  app.get('/things/:id/versions/:version', validate(listing), (req, res) => {
    // Typed: version is a number, limit has its default.
    const version: number = req.params.version;
    res.json({ id: req.params.id, version, limit: req.query.limit, school: req.query.school ?? null });
  });
  app.patch('/things/:id', validate(change), (req, res) => {
    res.json({ title: req.body.title, targets: req.body.targets ?? null });
  });
  app.post('/things/:id/close', validate({ params: z.object({ id }), body: noBody }), (_req, res) => {
    res.status(204).end();
  });
  app.use(errorHandler(() => undefined));
  return app;
}

test('a valid request reaches the handler with parsed values: numbers from the path, defaults in the query', async () => {
  const res = await request(app()).get('/things/a-1/versions/3').expect(200);
  expect(res.body).toEqual({ id: 'a-1', version: 3, limit: 10, school: null });
  const limited = await request(app()).get('/things/a-1/versions/3?limit=5&school=s1').expect(200);
  expect(limited.body).toMatchObject({ limit: 5, school: 's1' });
});

test('a path parameter that is not an id is refused with 400 request.invalid naming it, before the handler runs', async () => {
  const res = await request(app()).get('/things/a$b/versions/3').expect(400);
  expect(res.body.error).toMatchObject({ code: 'request.invalid', field: 'id' });
  const version = await request(app()).get('/things/a/versions/zero').expect(400);
  expect(version.body.error).toMatchObject({ code: 'request.invalid', field: 'version' });
});

test('an unknown query parameter is refused naming it and the parameters the route takes', async () => {
  const res = await request(app()).get('/things/a/versions/1?colour=red').expect(400);
  expect(res.body.error).toMatchObject({ code: 'request.invalid', field: 'colour' });
  expect(res.body.error.message).toContain('"limit", "school"');
  const outOfRange = await request(app()).get('/things/a/versions/1?limit=500').expect(400);
  expect(outOfRange.body.error).toMatchObject({ code: 'request.invalid', field: 'limit' });
});

test("a body the schema refuses answers with the route's own code, naming the nested field or the unknown key", async () => {
  const target = await request(app())
    .patch('/things/a')
    .send({ title: 'x', targets: { s1: 2.5 } })
    .expect(400);
  expect(target.body.error).toMatchObject({ code: 'campaign.invalid', field: 'targets.s1' });
  const unknown = await request(app()).patch('/things/a').send({ title: 'x', budget: 5 }).expect(400);
  expect(unknown.body.error).toMatchObject({ code: 'campaign.invalid', field: 'budget' });
  const ok = await request(app()).patch('/things/a').send({ title: 'x' }).expect(200);
  expect(ok.body).toEqual({ title: 'x', targets: null });
});

test('a route that takes no body refuses one with a field in it, and takes none', async () => {
  await request(app()).post('/things/a/close').send({ force: true }).expect(400);
  await request(app()).post('/things/a/close').expect(204);
});
