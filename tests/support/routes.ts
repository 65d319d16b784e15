// Lists every route an Express app answers, as "METHOD /path/:param", by walking its router
// (Express 5 / router 2: layers keep their raw path). Used by the role × endpoint matrix so a
// route added later without a row in the matrix fails the test.
import type express from 'express';

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const join = (prefix: string, path: unknown) => {
  const p = path instanceof RegExp ? `${path}` : String(path ?? '');
  if (p === '/' || p === '') return prefix || '/';
  return `${prefix}${p}`.replace(/\/+/g, '/');
};

function walk(stack: Layer[], prefix: string, out: string[]) {
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.push(`${method.toUpperCase()} ${join(prefix, layer.route.path)}`);
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, join(prefix, layer.rawPath === '/' ? '' : layer.rawPath).replace(/\/$/, ''), out);
    }
  }
}

export function listRoutes(app: express.Express): string[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: string[] = [];
  walk(router.stack, '', out);
  return [...new Set(out)].sort();
}
