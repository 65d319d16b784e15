// Instrument versions as stored: every version ever used stays, unchanged, so a campaign can
// always be read with the version it was started with.
import { defineCollection, Mixed } from '../store';
import type { Instrument } from './instrument';

export interface InstrumentVersion {
  _id: string;
  instrumentId: string;
  version: number;
  respondentType: string;
  anonymous: boolean;
  title: Instrument['title'];
  description?: Instrument['description'];
  collectsContact?: boolean;
  scored?: boolean;
  /**
   * The instrument as JSON text. A definition is large (up to the upload limit) and only ever read
   * whole: as text the store copies, checks and writes one string instead of walking thousands
   * of objects while every other request waits (issue 11).
   */
  definitionText?: string;
  /** The instrument as a document: how versions stored before definitionText are kept. */
  definition?: Instrument;
  contentHash: string;
  source: 'builtin' | 'upload';
  addedAt: Date;
}

export const instrumentsCollection = defineCollection<InstrumentVersion>(
  'instruments',
  {
    instrumentId: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    respondentType: { type: String, required: true },
    anonymous: { type: Boolean, required: true },
    title: { type: Mixed, required: true },
    description: { type: Mixed },
    collectsContact: { type: Boolean },
    scored: { type: Boolean },
    definitionText: { type: String },
    definition: { type: Mixed },
    contentHash: { type: String, required: true },
    source: { type: String, required: true, enum: ['builtin', 'upload'] },
    addedAt: { type: Date, required: true },
  },
  [{ fields: { instrumentId: 1, version: 1 }, unique: true }],
);

/** The instrument a stored version holds, whichever way it was stored. */
export function storedInstrument(record: Pick<InstrumentVersion, 'definitionText' | 'definition'>): Instrument {
  if (record.definitionText !== undefined) return JSON.parse(record.definitionText) as Instrument;
  if (record.definition) return record.definition;
  throw new Error('An instrument version was stored without its definition.');
}

/** The fields of a stored version, from its instrument. */
export function instrumentRecord(
  instrument: Instrument,
  text: string,
  contentHash: string,
  source: InstrumentVersion['source'],
  addedAt: Date,
): Omit<InstrumentVersion, '_id'> {
  return {
    instrumentId: instrument.id,
    version: instrument.version,
    respondentType: instrument.respondentType,
    anonymous: instrument.anonymous,
    title: instrument.title,
    ...(instrument.description ? { description: instrument.description } : {}),
    collectsContact: instrument.collectsContact === true,
    scored: !!instrument.scoring,
    definitionText: text,
    contentHash,
    source,
    addedAt,
  };
}
