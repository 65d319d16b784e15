// The instrument catalogue: built-in files registered in the store at start-up, uploads by an
// administrator, each version immutable. Compiled validators are cached per id@version: the
// definitions behind them never change, so every app instance may keep its own cache.
import crypto from 'node:crypto';
import { Problem } from '../errors';
import { DuplicateKeyError, Store } from '../store';
import { instrumentsCollection, InstrumentVersion } from './data';
import { checkInstrument, checkUploadedInstrument, CompiledInstrument, problemLine } from './definition';
import type { InstrumentSummary } from './instrument';

const compiledCache = new Map<string, CompiledInstrument>();

export function contentHash(definition: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

function summary(record: InstrumentVersion): InstrumentSummary {
  const d = record.definition;
  return {
    id: d.id,
    version: d.version,
    respondentType: d.respondentType,
    anonymous: d.anonymous,
    collectsContact: d.collectsContact === true,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    scored: !!d.scoring,
    source: record.source,
  };
}

/**
 * Registers the built-in instruments. A version already stored must be unchanged: editing a file
 * without raising its "version" would change what running campaigns mean, so start-up refuses.
 */
export async function registerBuiltinInstruments(store: Store, builtins: CompiledInstrument[], now = new Date()): Promise<void> {
  const collection = store.collection(instrumentsCollection);
  const problems: string[] = [];
  for (const { instrument } of builtins) {
    const hash = contentHash(instrument);
    const existing = await collection.findOne({ instrumentId: instrument.id, version: instrument.version });
    if (existing) {
      if (existing.contentHash !== hash) {
        problems.push(`surveys/${instrument.id}.json: version ${instrument.version} is already in use with different content; raise "version" to publish a change (campaigns keep the version they started with)`);
      }
      continue;
    }
    try {
      await collection.insertOne({
        instrumentId: instrument.id, version: instrument.version, respondentType: instrument.respondentType, anonymous: instrument.anonymous,
        title: instrument.title, definition: instrument, contentHash: hash, source: 'builtin', addedAt: now,
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err; // another instance registered it first
    }
  }
  if (problems.length) throw new Error(`Mera cannot start:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/** The newest version of every instrument, with the list of its versions. */
export async function listInstruments(store: Store): Promise<(InstrumentSummary & { versions: number[] })[]> {
  const records = await store.collection(instrumentsCollection).find({}, { sort: { instrumentId: 1, version: 1 } });
  const byId = new Map<string, InstrumentVersion[]>();
  for (const r of records) byId.set(r.instrumentId, [...(byId.get(r.instrumentId) ?? []), r]);
  return [...byId.values()].map((versions) => ({ ...summary(versions[versions.length - 1]), versions: versions.map((v) => v.version) }));
}

/** One version (the newest when no version is given), compiled; 404 when there is none. */
export async function getInstrument(store: Store, id: string, version?: number): Promise<CompiledInstrument> {
  const cached = version !== undefined ? compiledCache.get(`${id}@${version}`) : undefined;
  if (cached) return cached;
  const record = await store.collection(instrumentsCollection).findOne(
    version !== undefined ? { instrumentId: id, version } : { instrumentId: id },
    { sort: { version: -1 } },
  );
  if (!record) {
    throw new Problem('instrument.not_found', 404, version !== undefined ? `There is no version ${version} of the instrument "${id}".` : `There is no instrument "${id}".`, 'id');
  }
  const key = `${record.instrumentId}@${record.version}`;
  const hit = compiledCache.get(key);
  if (hit) return hit;
  const result = checkInstrument(record.definition, { bothLanguages: record.source === 'builtin' });
  if (!result.ok) throw new Error(`The stored instrument ${key} no longer passes its checks: ${result.problems.map(problemLine).join('; ')}`);
  compiledCache.set(key, result.compiled);
  return result.compiled;
}

export function instrumentSource(compiled: CompiledInstrument) {
  return compiled.instrument;
}

/**
 * Adds an uploaded instrument as the next version of its id (version 1 for a new id). The body
 * is the smallest envelope { id, respondentType, anonymous, survey } around exactly what SurveyJS
 * Creator exports ("title" comes from the survey, "version" may be left out). Refused with every
 * problem listed, each with its JSON path, when any check fails. Content identical to the latest
 * version returns that version ("created": false) instead of adding one.
 */
export async function uploadInstrument(store: Store, body: unknown, now = new Date()): Promise<InstrumentSummary & { versions: number[]; created: boolean }> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new Problem('instrument.invalid', 400, 'The body must be an instrument: { id, respondentType, anonymous, survey }.', 'body');
  }
  const raw = body as Record<string, unknown>;
  const id = typeof raw.id === 'string' ? raw.id : '';
  const collection = store.collection(instrumentsCollection);
  const latest = id ? await collection.findOne({ instrumentId: id }, { sort: { version: -1 } }) : null;
  const nextVersion = (latest?.version ?? 0) + 1;
  const result = await checkUploadedInstrument({ ...raw, version: nextVersion });
  if (!result.ok) {
    const [first] = result.problems;
    throw new Problem('instrument.invalid', 400, `The instrument was refused: ${first.path}: ${first.message}${result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : ''}`, first.path, { problems: result.problems });
  }
  const instrument = result.compiled.instrument;
  const versionsOf = async () => (await collection.find({ instrumentId: id }, { sort: { version: 1 } })).map((v) => v.version);
  if (latest && contentHash({ ...instrument, version: latest.version }) === latest.contentHash && (raw.version === undefined || raw.version === latest.version)) {
    return { ...summary(latest), versions: await versionsOf(), created: false };
  }
  if (raw.version !== undefined && raw.version !== nextVersion) {
    throw new Problem('instrument.version_conflict', 409, `The next version of "${id}" is ${nextVersion}, not ${String(raw.version)}.`, 'version');
  }
  if (latest && latest.respondentType !== instrument.respondentType) {
    throw new Problem('instrument.invalid', 400, `A new version cannot change the respondent type of "${id}" (${latest.respondentType}).`, 'respondentType');
  }
  try {
    await collection.insertOne({
      instrumentId: instrument.id, version: instrument.version, respondentType: instrument.respondentType, anonymous: instrument.anonymous,
      title: instrument.title, definition: instrument, contentHash: contentHash(instrument), source: 'upload', addedAt: now,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw new Problem('instrument.version_conflict', 409, `Version ${instrument.version} of "${id}" was just added by someone else; upload again.`, 'version');
    throw err;
  }
  return { ...summary({ definition: instrument, source: 'upload' } as InstrumentVersion), versions: await versionsOf(), created: true };
}
