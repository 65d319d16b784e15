// What the instrument routes answer, shaped in one place.
import type { CompiledInstrument } from './definition';
import type { InstrumentSummary } from './instrument';

export function presentInstrumentSummary(s: InstrumentSummary & { versions: number[] }) {
  return {
    id: s.id,
    version: s.version,
    respondentType: s.respondentType,
    anonymous: s.anonymous,
    collectsContact: s.collectsContact,
    title: s.title,
    ...(s.description ? { description: s.description } : {}),
    scored: s.scored,
    source: s.source,
    versions: s.versions,
  };
}

/** An instrument as a page renders it: its definition, as checked. */
export const presentInstrument = (compiled: CompiledInstrument) => compiled.instrument;
