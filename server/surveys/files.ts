// Reads the built-in instruments and checks each; any problem stops start-up with a message naming
// the file and the problem. `surveys/<id>.json` is an instrument's current edition; earlier editions
// stay registrable, unchanged, as `surveys/earlier/<id>.v<version>.json`, so campaigns started on
// them keep their version on a fresh store too. The current editions come first in the result, so
// `find` by id gives the current one.
import fs from 'node:fs';
import path from 'node:path';
import { checkInstrument, CheckOptions, CompiledInstrument, problemLine } from './definition';

export class InstrumentFilesError extends Error {
  constructor(readonly problems: string[]) {
    super(`Mera cannot start: the instrument files have problems\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const EARLIER_EDITIONS_DIR = 'earlier';

function jsonFiles(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
}

function readOne(dir: string, file: string, problems: string[], check: CheckOptions): CompiledInstrument | undefined {
  const shown = path.join(path.basename(dir), file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch (err) {
    problems.push(`${shown}: not valid JSON (${(err as Error).message})`);
    return undefined;
  }
  const result = checkInstrument(raw, check);
  if (!result.ok) {
    problems.push(...result.problems.map((p) => `${shown}: ${problemLine(p)}`));
    return undefined;
  }
  return result.compiled;
}

/** Start-up's reading, every check included; tests that read the files in every test file may leave out survey-core's (`stored`). */
export function readInstrumentFiles(dir: string, check: CheckOptions = { bothLanguages: true }): CompiledInstrument[] {
  const problems: string[] = [];
  const current: CompiledInstrument[] = [];
  const files = jsonFiles(dir);
  if (files.length === 0) problems.push(`${dir}: no instrument files (*.json)`);
  const seen = new Map<string, string>();
  for (const file of files) {
    const compiled = readOne(dir, file, problems, check);
    if (!compiled) continue;
    const shown = path.join(path.basename(dir), file);
    const { id } = compiled.instrument;
    if (`${id}.json` !== file) problems.push(`${shown}: the id "${id}" must match the file name (${id}.json)`);
    if (seen.has(id)) problems.push(`${shown}: the id "${id}" is already used by ${seen.get(id)}`);
    seen.set(id, shown);
    current.push(compiled);
  }

  const earlierDir = path.join(dir, EARLIER_EDITIONS_DIR);
  const earlier: CompiledInstrument[] = [];
  for (const file of jsonFiles(earlierDir)) {
    const compiled = readOne(earlierDir, file, problems, check);
    if (!compiled) continue;
    const shown = path.join(path.basename(dir), EARLIER_EDITIONS_DIR, file);
    const { id, version } = compiled.instrument;
    if (`${id}.v${version}.json` !== file)
      problems.push(`${shown}: an earlier edition must be named after its id and version (${id}.v${version}.json)`);
    const now = current.find((c) => c.instrument.id === id);
    if (!now) problems.push(`${shown}: there is no current edition ${id}.json`);
    else if (version >= now.instrument.version)
      problems.push(`${shown}: version ${version} is not older than the current edition's ${now.instrument.version}`);
    if (earlier.some((c) => c.instrument.id === id && c.instrument.version === version))
      problems.push(`${shown}: version ${version} of "${id}" is given twice`);
    earlier.push(compiled);
  }
  if (problems.length) throw new InstrumentFilesError(problems);
  return [...current, ...earlier];
}
