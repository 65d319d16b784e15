// Serving the built client over real HTTP: precompressed hashed assets by Accept-Encoding,
// compressed JSON answers, the shell only on the client's pages (404 elsewhere), the pages' table
// matching the client's page modules, and the survey page's chunk, CSS and definition announced in
// the HTML so they load in parallel.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { notFoundPage, pageRoutes, type PageName } from '../../server/http/page-routes';
import { listen, seededToken, startMera, TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ seed: true });
});
afterAll(() => mera.close());

/** The bytes as they went over the wire (supertest would decompress them). */
async function wire(path: string, acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  const server = await listen(mera.app);
  try {
    return await new Promise((resolve, reject) => {
      http
        .get(`${server.baseUrl}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
  } finally {
    await server.stop();
  }
}

function surveyChunk(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(mera.config.clientDir, '.vite/manifest.json'), 'utf8'));
  return manifest['src/pages/take-survey/TakeSurveyPage.tsx'].file;
}

/** The largest script the client is built into (survey-core's chunk, shared by the survey pages). */
function largestScript(): string {
  const dir = path.join(mera.config.clientDir, 'assets');
  const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  return `assets/${scripts.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0]}`;
}

test('a hashed asset is sent brotli-compressed to a browser that accepts br, gzip to one that accepts only gzip, plain otherwise, cached for a year', async () => {
  const asset = `/${largestScript()}`;
  const raw = fs.readFileSync(path.join(mera.config.clientDir, asset));
  const br = await wire(asset, 'gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(br.headers.vary).toMatch(/Accept-Encoding/);
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(zlib.brotliDecompressSync(br.body).equals(raw)).toBe(true);
  expect(br.body.length).toBeLessThan(raw.length / 4);

  const gz = await wire(asset, 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).equals(raw)).toBe(true);

  const plain = await wire(asset, 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(raw)).toBe(true);
});

test('a missing asset answers 404, not the page', async () => {
  await request(mera.app).get('/assets/nothing-here.js').expect(404);
});

test('a link definition over 1 kB is sent compressed to a browser that accepts gzip', async () => {
  const { token } = await seededToken(mera, 'parent-survey');
  const res = await request(mera.app).get(`/api/links/${token}`).set('Accept-Encoding', 'gzip').expect(200);
  expect(res.headers['content-encoding']).toBe('gzip');
  expect(res.body.instrument.id).toBe('parent-survey');
});

test('a survey link page paints a shell at once and announces the survey chunk, its CSS and the definition for parallel loading', async () => {
  const { token } = await seededToken(mera, 'parent-survey');
  const res = await request(mera.app).get(`/s/${token}`).expect(200);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.text).toContain('Загрузка опроса…');
  expect(res.text).toContain('<header class="app-header">');
  expect(res.text).toContain(`<link rel="modulepreload" href="/${surveyChunk()}"`);
  expect(res.text).toMatch(/<link rel="preload" as="style" href="\/assets\/TakeSurveyPage-[^"]+\.css"/);
  expect(res.text).toContain(`<link rel="preload" as="fetch" href="/api/links/${token}" crossorigin="anonymous">`);
  // No inline script: the CSP allows only the page's own files.
  expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test("the scripts a survey link runs carry V8's compile hint (compiled off the main thread), the coordinator pages' do not", async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(mera.config.clientDir, '.vite/manifest.json'), 'utf8'));
  const script = (file: string) => fs.readFileSync(path.join(mera.config.clientDir, file), 'utf8');
  const hint = '//# allFunctionsCalledOnLoad\n';
  expect(script(surveyChunk()).startsWith(hint)).toBe(true);
  expect(script(largestScript()).startsWith(hint)).toBe(true);
  expect(script(manifest['index.html'].file).startsWith(hint)).toBe(true);
  expect(script(manifest['src/pages/campaigns/CampaignsPage.tsx'].file).startsWith(hint)).toBe(false);
});

test('the start page does not load the survey chunk (survey-core stays out of it)', async () => {
  const res = await request(mera.app).get('/').expect(200);
  expect(res.text).not.toContain(surveyChunk());
  expect(res.text).not.toContain('modulepreload');
});

test('an unknown path answers 404 with the page shell (the client says "page not found"), and a malformed link token is not written into the page', async () => {
  const res = await request(mera.app).get('/no/such/page').expect(404);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.text).toContain('<div id="root">');
  const odd = await request(mera.app).get('/s/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
  expect(odd.text).not.toContain('alert(1)');
  expect(odd.text).not.toContain('as="fetch"');
});

/** An address of each page in the table (a new page needs one here, or the type check fails). */
const addressOf: Record<PageName, string> = {
  home: '/',
  survey: '/s/any-token',
  'sign-in': '/sign-in',
  'set-password': '/set-password',
  'first-run': '/first-run',
  account: '/account/',
  users: '/users',
  diagnostic: '/diagnostic',
  results: '/results',
  campaigns: '/campaigns',
  framework: '/framework',
  instruments: '/instruments',
  'instrument-preview': '/instruments/preview',
};

test('every page in the pages table answers its address with the page shell and 200', async () => {
  for (const route of pageRoutes) {
    const res = await request(mera.app).get(addressOf[route.name]);
    expect([route.name, res.status]).toEqual([route.name, 200]);
    expect(res.text).toContain('<div id="root">');
  }
});

test('the pages table and the client agree: every page module has a line in the table, every line names a module the built client loads', () => {
  const pagesDir = path.join(mera.config.root, 'client/src/pages');
  const modules = fs
    .readdirSync(pagesDir)
    .flatMap((dir) =>
      fs.statSync(path.join(pagesDir, dir)).isDirectory() ? fs.readdirSync(path.join(pagesDir, dir)).map((f) => `${dir}/${f}`) : [],
    )
    .filter((f) => /Page\.tsx$/.test(f))
    .map((f) => f.replace(/\.tsx$/, ''))
    .sort();
  // A page module the table does not name could never be shown; a line without a module would show nothing.
  // One module may serve two addresses (the survey page also renders the Instruments screen's preview frame).
  expect([...new Set([...pageRoutes.map((r) => r.page), notFoundPage])].sort()).toEqual(modules);
  // The client's entry loads each of them as a chunk of its own.
  const manifest = JSON.parse(fs.readFileSync(path.join(mera.config.clientDir, '.vite/manifest.json'), 'utf8'));
  for (const page of [...pageRoutes.map((r) => r.page), notFoundPage]) {
    expect(manifest['index.html'].dynamicImports).toContain(`src/pages/${page}.tsx`);
    expect(manifest[`src/pages/${page}.tsx`]?.isDynamicEntry).toBe(true);
  }
});
