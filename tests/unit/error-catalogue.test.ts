// The error catalogue is the whole list of what the API can answer when it refuses: every code the
// server names is in it, and each entry is a usable answer (a 4xx or 5xx status, a sentence).
import fs from 'node:fs';
import path from 'node:path';
import { catalogue, codes, rosterLineCodes } from '../../server/errors/catalogue';
import { problem, problemBody } from '../../server/errors';

const serverDir = path.join(__dirname, '../../server');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every code written as a literal where the server makes a Problem: problem('…'), new Problem('…'), or a refusal code option. */
function codesNamedInServer(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bproblem\(\s*'([^']+)'/g, /\bnew Problem\(\s*'([^']+)'/g, /\bbodyCode:\s*'([^']+)'/g];
  for (const file of sourceFiles(serverDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1], path.relative(serverDir, file));
    }
  }
  return found;
}

test('every code the server makes a problem of is in the catalogue', () => {
  const named = codesNamedInServer();
  expect(named.size).toBeGreaterThan(40);
  const missing = [...named].filter(([code]) => !(code in catalogue)).map(([code, file]) => `${code} (${file})`);
  expect(missing).toEqual([]);
});

test('every roster line problem the server reports is listed beside the catalogue', () => {
  const text = fs.readFileSync(path.join(serverDir, 'accounts/roster.ts'), 'utf8');
  const named = new Set([...text.matchAll(/'(roster\.[a-z_]+)'/g)].map((m) => m[1]).filter((c) => c !== 'roster.unreadable'));
  expect([...named].sort()).toEqual([...rosterLineCodes].sort());
});

test.each(codes)('%s answers with an error status and a sentence', (code) => {
  const entry = catalogue[code];
  expect(entry.status).toBeGreaterThanOrEqual(400);
  expect(entry.status).toBeLessThan(600);
  expect(entry.message.trim()).not.toBe('');
  expect(code).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
});

test('a problem takes its status from the catalogue and fills its sentence with its values', () => {
  const refused = problem('password.too_short', { field: 'password', values: { min: 8 } });
  expect(refused).toMatchObject({ status: 400, code: 'password.too_short', field: 'password' });
  expect(problemBody(refused)).toEqual({
    error: { code: 'password.too_short', message: 'The password must have at least 8 characters.', field: 'password' },
  });
  expect(problem('campaign.closed', { details: { title: 'x' } })).toMatchObject({ status: 410, details: { title: 'x' } });
  expect(problem('auth.required').field).toBeUndefined();
});

test('docs/api-errors.md lists every code of the catalogue with its status', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/api-errors.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
  expect(codes.filter((code) => rows.get(code) !== catalogue[code].status)).toEqual([]);
  expect([...rows.keys()].filter((code) => !(code in catalogue))).toEqual([]);
});
