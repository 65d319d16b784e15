// The instrument catalogue: built-in files registered in the store at start-up, uploads by an
// administrator, each version immutable. Compiled validators are kept per store and id@version:
// the definitions behind them never change, so every app instance may keep its own. Built-ins
// are compiled when their files are read at start-up, an upload when it is checked; a version
// compiled for the first time after a restart is compiled in slices that let other requests in.
import { now as clockNow } from '../clock';
import crypto from 'node:crypto';
import { problem } from '../errors';
import { DuplicateKeyError, Store } from '../store';
import { instrumentRecord, instrumentsCollection, InstrumentVersion, storedInstrument } from './data';
import { checkInstrumentInSlices, checkUploadedInstrument, CompiledInstrument, problemLine } from './definition';
import type { Instrument, InstrumentSummary } from './instrument';
import type { DefinitionProblem } from './questions';
import type { InstrumentUpload } from './schema';
import { cleanSurveyHtml } from './sanitize';

const compiledByStore = new WeakMap<Store, Map<string, Promise<CompiledInstrument>>>();
function compiledCache(store: Store): Map<string, Promise<CompiledInstrument>> {
  let cache = compiledByStore.get(store);
  if (!cache) compiledByStore.set(store, (cache = new Map()));
  return cache;
}
const cacheKey = (instrument: Pick<Instrument, 'id' | 'version'>) => `${instrument.id}@${instrument.version}`;

/** Keeps an instrument compiled by its checks for this store (the stored version has the same content). */
function remember(store: Store, compiled: CompiledInstrument) {
  compiledCache(store).set(cacheKey(compiled.instrument), Promise.resolve(compiled));
}

/** sha256 of the instrument's JSON text. */
function contentHash(definition: unknown): string {
  return hashOf(JSON.stringify(definition));
}
const hashOf = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * What a summary reads (an inclusion: the embedded engine's exclusion walks the excluded text).
 * Versions stored before definitionText keep some of it in "definition" only.
 */
const summaryFields = {
  instrumentId: 1,
  version: 1,
  respondentType: 1,
  anonymous: 1,
  title: 1,
  description: 1,
  collectsContact: 1,
  scored: 1,
  source: 1,
  contentHash: 1,
  definition: 1,
} as const;

function summary(record: InstrumentVersion): InstrumentSummary {
  // Versions stored before definitionText keep these fields in their definition only.
  const d = record.definition;
  const description = record.description ?? d?.description;
  return {
    id: record.instrumentId,
    version: record.version,
    respondentType: record.respondentType as InstrumentSummary['respondentType'],
    anonymous: record.anonymous,
    collectsContact: (record.collectsContact ?? d?.collectsContact) === true,
    title: record.title,
    ...(description ? { description } : {}),
    scored: record.scored ?? !!d?.scoring,
    source: record.source,
  };
}

/**
 * Registers the built-in instruments. A version already stored must be unchanged: editing a file
 * without raising its "version" would change what running campaigns mean, so start-up refuses.
 */
export async function registerBuiltinInstruments(store: Store, builtins: CompiledInstrument[], now = clockNow()): Promise<void> {
  const collection = store.collection(instrumentsCollection);
  const problems: string[] = [];
  for (const compiled of builtins) {
    const { instrument } = compiled;
    const text = JSON.stringify(instrument);
    const hash = hashOf(text);
    const existing = await collection.findOne(
      { instrumentId: instrument.id, version: instrument.version },
      { projection: { contentHash: 1 } },
    );
    if (existing) {
      if (existing.contentHash !== hash) {
        problems.push(
          `surveys/${instrument.id}.json: version ${instrument.version} is already in use with different content; raise "version" to publish a change (campaigns keep the version they started with)`,
        );
      } else remember(store, compiled);
      continue;
    }
    try {
      await collection.insertOne(instrumentRecord(instrument, text, hash, 'builtin', now));
      remember(store, compiled);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err; // another instance registered it first
    }
  }
  if (problems.length) throw new Error(`Mera cannot start:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/** The newest version of every instrument, with the list of its versions. */
export async function listInstruments(store: Store): Promise<(InstrumentSummary & { versions: number[] })[]> {
  // Without the definitions: the summary has fields of its own (older versions keep them in "definition").
  const records = await store
    .collection(instrumentsCollection)
    .find({}, { sort: { instrumentId: 1, version: 1 }, projection: summaryFields });
  const byId = new Map<string, InstrumentVersion[]>();
  for (const r of records) byId.set(r.instrumentId, [...(byId.get(r.instrumentId) ?? []), r]);
  return [...byId.values()].map((versions) => ({ ...summary(versions[versions.length - 1]), versions: versions.map((v) => v.version) }));
}

/** One version (the newest when no version is given), compiled; 404 when there is none. */
export async function getInstrument(store: Store, id: string, version?: number): Promise<CompiledInstrument> {
  const cache = compiledCache(store);
  const cached = version !== undefined ? cache.get(`${id}@${version}`) : undefined;
  if (cached) return cached;
  const collection = store.collection(instrumentsCollection);
  const query = version !== undefined ? { instrumentId: id, version } : { instrumentId: id };
  // The newest version's number first (a small read); its definition only when it is not compiled yet.
  const head = await collection.findOne(query, { sort: { version: -1 }, projection: { instrumentId: 1, version: 1 } });
  if (!head) {
    throw problem('instrument.not_found', {
      field: 'id',
      values: {
        reason: version !== undefined ? `There is no version ${version} of the instrument "${id}".` : `There is no instrument "${id}".`,
      },
    });
  }
  const key = `${head.instrumentId}@${head.version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiling = (async () => {
    const record = await collection.findOne({ instrumentId: head.instrumentId, version: head.version });
    if (!record) throw new Error(`The instrument ${key} disappeared while it was being read.`);
    const result = await checkInstrumentInSlices(storedInstrument(record), { bothLanguages: record.source === 'builtin', stored: true });
    if (!result.ok)
      throw new Error(`The stored instrument ${key} no longer passes its checks: ${result.problems.map(problemLine).join('; ')}`);
    return result.compiled;
  })();
  cache.set(key, compiling);
  // A failed compile is not kept: the next use tries again (and reports the problem again).
  compiling.catch(() => cache.get(key) === compiling && cache.delete(key));
  return compiling;
}

/**
 * Adds an uploaded instrument as the next version of its id (version 1 for a new id). The body
 * is the smallest envelope { id, respondentType, anonymous, survey } around exactly what SurveyJS
 * Creator exports ("title" comes from the survey, "version" may be left out). Refused with every
 * problem listed, each with its JSON path, when any check fails. Content identical to the latest
 * version returns that version ("created": false) instead of adding one.
 */
export async function uploadInstrument(
  store: Store,
  raw: InstrumentUpload,
  now = clockNow(),
): Promise<InstrumentSummary & { versions: number[]; created: boolean; ignored: DefinitionProblem[] }> {
  const id = typeof raw.id === 'string' ? raw.id : '';
  const collection = store.collection(instrumentsCollection);
  const latest = id ? await collection.findOne({ instrumentId: id }, { sort: { version: -1 }, projection: { definitionText: 0 } }) : null;
  const nextVersion = (latest?.version ?? 0) + 1;
  const result = await checkUploadedInstrument({ ...raw, survey: cleanSurveyHtml(raw.survey), version: nextVersion });
  if (!result.ok) {
    const [first] = result.problems;
    throw problem('instrument.invalid', {
      field: first.path,
      values: {
        reason: `The instrument was refused: ${first.path}: ${first.message}${result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : ''}`,
      },
      details: { problems: result.problems },
    });
  }
  const instrument = result.compiled.instrument;
  const ignored = result.compiled.questions.ignored;
  const versionsOf = async () =>
    (await collection.find({ instrumentId: id }, { sort: { version: 1 }, projection: { version: 1 } })).map((v) => v.version);
  if (
    latest &&
    contentHash({ ...instrument, version: latest.version }) === latest.contentHash &&
    (raw.version === undefined || raw.version === latest.version)
  ) {
    return { ...summary(latest), versions: await versionsOf(), created: false, ignored };
  }
  if (raw.version !== undefined && raw.version !== nextVersion) {
    throw problem('instrument.version_conflict', {
      field: 'version',
      values: { reason: `The next version of "${id}" is ${nextVersion}, not ${String(raw.version)}.` },
    });
  }
  if (latest && latest.respondentType !== instrument.respondentType) {
    throw problem('instrument.invalid', {
      field: 'respondentType',
      values: { reason: `A new version cannot change the respondent type of "${id}" (${latest.respondentType}).` },
    });
  }
  const text = JSON.stringify(instrument);
  const record = instrumentRecord(instrument, text, hashOf(text), 'upload', now);
  try {
    await collection.insertOne(record);
  } catch (err) {
    if (err instanceof DuplicateKeyError)
      throw problem('instrument.version_conflict', {
        field: 'version',
        values: { reason: `Version ${instrument.version} of "${id}" was just added by someone else; upload again.` },
      });
    throw err;
  }
  remember(store, result.compiled);
  return { ...summary({ _id: '', ...record }), versions: await versionsOf(), created: true, ignored };
}

/**
 * Checks an upload without keeping it (the Instruments screen's preview): every problem, what
 * would be ignored, and the instrument as it would be kept.
 */
export async function tryInstrument(
  store: Store,
  raw: InstrumentUpload,
): Promise<{
  ok: boolean;
  problems: DefinitionProblem[];
  ignored: DefinitionProblem[];
  instrument?: Instrument;
  /** The questions asking for contact details (the respondent's page names them). */
  contactQuestions?: string[];
  nextVersion: number;
}> {
  const id = typeof raw.id === 'string' ? raw.id : '';
  const latest = id
    ? await store.collection(instrumentsCollection).findOne({ instrumentId: id }, { sort: { version: -1 }, projection: { version: 1 } })
    : null;
  const nextVersion = (latest?.version ?? 0) + 1;
  const result = await checkUploadedInstrument({ ...raw, version: nextVersion });
  if (!result.ok) return { ok: false, problems: result.problems, ignored: [], nextVersion };
  const { ignored, contactQuestions } = result.compiled.questions;
  return { ok: true, problems: [], ignored, instrument: result.compiled.instrument, contactQuestions, nextVersion };
}
