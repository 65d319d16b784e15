// Serving the built client: hashed assets precompressed (brotli, gzip) by Accept-Encoding with
// immutable caching, and the HTML shell for the client's routes only (anything else is a 404 page).
// On a survey link the shell also starts, in parallel, the survey chunk, its CSS and the link's
// definition (modulepreload / preload), so a phone on a slow network does not wait for a waterfall.
import { type Express, type Request, type Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { tokenPattern } from '../campaigns/links';

/**
 * The client's routes: every path the client renders a page for. Add a page here (one line) and
 * the server answers its path with the shell; any other path answers the shell with HTTP 404.
 */
const clientRoutes: { name: string; pattern: RegExp }[] = [
  { name: 'home', pattern: /^\/$/ },
  { name: 'survey', pattern: /^\/s\/[^/]+\/?$/ },
  // The account pages (client/src/pages/account/routes.tsx).
  ...['sign-in', 'set-password', 'first-run', 'account', 'users', 'diagnostic', 'results', 'campaigns'].map((name) => ({
    name,
    pattern: new RegExp(`^/${name}/?$`),
  })),
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const surveyPageSource = 'src/pages/take-survey/TakeSurveyPage.tsx';

/** The survey page's chunk, the chunks it imports and its CSS, from Vite's manifest. */
function surveyPageFiles(clientDir: string): { scripts: string[]; styles: string[] } {
  const manifestPath = path.join(clientDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) return { scripts: [], styles: [] };
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk & { isEntry?: boolean }>;
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    // The entry is already in the page's own <script>; stop there.
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    chunk.css?.forEach((c) => styles.add(c));
    chunk.imports?.forEach(visit);
  };
  visit(surveyPageSource);
  return { scripts: [...scripts], styles: [...styles] };
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Hashed assets: the .br or .gz written at build time when the browser accepts it, cached for a year. */
export function precompressedAssets(assetsDir: string) {
  const files = new Set(fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir) : []);
  return (req: Request, res: Response, next: () => void) => {
    const name = req.path.slice(1);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !files.has(name) || name.endsWith('.br') || name.endsWith('.gz')) return next();
    // Brotli first whenever the browser takes it (smaller), then gzip; the browser's order does not matter.
    const chosen = (['br', 'gzip'] as const).find((e) => files.has(`${name}.${e === 'br' ? 'br' : 'gz'}`) && req.acceptsEncodings(e) === e);
    res.set('Vary', 'Accept-Encoding');
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(contentTypes[path.extname(name)] ?? path.extname(name));
    let file = name;
    if (chosen) {
      res.set('Content-Encoding', chosen);
      file = `${name}.${chosen === 'br' ? 'br' : 'gz'}`;
    }
    res.sendFile(path.join(assetsDir, file), { dotfiles: 'deny', etag: true, lastModified: false, cacheControl: false });
  };
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Mounts the client on the app, or a 503 page saying how to build it. */
export function serveClient(app: Express, clientDir: string): void {
  const indexHtml = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    app.get('/', (_req, res) => {
      res.status(503).type('text').send('The Mera client is not built: run "npm run build:client" (npm start does it for you).');
    });
    return;
  }
  const template = fs.readFileSync(indexHtml, 'utf8');
  const survey = surveyPageFiles(clientDir);
  const surveyHints =
    survey.scripts.map((f) => `<link rel="modulepreload" href="/${escapeAttribute(f)}" crossorigin>`).join('') +
    survey.styles.map((f) => `<link rel="preload" as="style" href="/${escapeAttribute(f)}" crossorigin>`).join('');

  const page = (routeName: string | undefined, reqPath: string): string => {
    if (routeName !== 'survey') return template;
    const token = decodeURIComponent(reqPath.split('/')[2] ?? '');
    // The link's definition is fetched as the page starts (the page's own fetch then takes it from
    // the preload); only a well-formed token is written into the HTML.
    const definition = tokenPattern.test(token) ? `<link rel="preload" as="fetch" href="/api/links/${token}" crossorigin="anonymous">` : '';
    return template
      .replace('</head>', `${surveyHints}${definition}</head>`)
      .replace('<title>Мера</title>', '<title>Опрос — Мера</title>')
      .replace('>Загрузка…<', '>Загрузка опроса…<');
  };

  app.use('/assets', precompressedAssets(path.join(clientDir, 'assets')));
  app.use('/assets', (_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  app.get(/^\/(?!api\/).*/, (req, res) => {
    let routeName: string | undefined;
    try {
      routeName = clientRoutes.find((r) => r.pattern.test(req.path))?.name;
    } catch {
      routeName = undefined;
    }
    res.set('Cache-Control', 'no-cache');
    // An unknown path still gets the shell (the client shows "page not found" in the page's language), with 404.
    let html: string;
    try {
      html = page(routeName, req.path);
    } catch {
      html = template;
      routeName = undefined;
    }
    res
      .status(routeName ? 200 : 404)
      .type('html')
      .send(html);
  });
}
