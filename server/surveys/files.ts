// Reads the built-in instruments from surveys/*.json and checks each; any problem stops start-up
// with a message naming the file and the problem.
import fs from 'node:fs';
import path from 'node:path';
import { checkInstrument, CompiledInstrument, problemLine } from './definition';

export class InstrumentFilesError extends Error {
  constructor(readonly problems: string[]) {
    super(`Mera cannot start: the instrument files have problems\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function readInstrumentFiles(dir: string): CompiledInstrument[] {
  const problems: string[] = [];
  const compiled: CompiledInstrument[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  if (files.length === 0) problems.push(`${dir}: no instrument files (*.json)`);
  const seen = new Map<string, string>();
  for (const file of files) {
    const shown = path.join(path.basename(dir), file);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${shown}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const result = checkInstrument(raw);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => `${shown}: ${problemLine(p)}`));
      continue;
    }
    const { id } = result.compiled.instrument;
    if (`${id}.json` !== file) problems.push(`${shown}: the id "${id}" must match the file name (${id}.json)`);
    if (seen.has(id)) problems.push(`${shown}: the id "${id}" is already used by ${seen.get(id)}`);
    seen.set(id, shown);
    compiled.push(result.compiled);
  }
  if (problems.length) throw new InstrumentFilesError(problems);
  return compiled;
}
