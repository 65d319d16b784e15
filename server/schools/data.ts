// The cluster's schools.
import { defineCollection, Mixed } from '../store';
import type { LocalizedText } from '../surveys/instrument';

export interface School {
  _id: string;
  /** The school's number in the district, as people say it: "344". */
  number: string;
  name: LocalizedText;
  shortName: LocalizedText;
}

export const schoolsCollection = defineCollection<School>(
  'schools',
  {
    number: { type: String, required: true },
    name: { type: Mixed, required: true },
    shortName: { type: Mixed, required: true },
  },
  [{ fields: { number: 1 }, unique: true }],
);
