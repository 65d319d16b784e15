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
  definition: Instrument;
  contentHash: string;
  source: 'builtin' | 'upload';
  addedAt: Date;
}

export const instrumentsCollection = defineCollection<InstrumentVersion>('instruments', {
  instrumentId: { type: String, required: true },
  version: { type: Number, required: true, min: 1 },
  respondentType: { type: String, required: true },
  anonymous: { type: Boolean, required: true },
  title: { type: Mixed, required: true },
  definition: { type: Mixed, required: true },
  contentHash: { type: String, required: true },
  source: { type: String, required: true, enum: ['builtin', 'upload'] },
  addedAt: { type: Date, required: true },
}, [{ fields: { instrumentId: 1, version: 1 }, unique: true }]);
