// What an instrument is: a SurveyJS definition wrapped with Mera's metadata (id, version,
// respondent type, indicators, scoring). This file holds the envelope's shape (zod) and types.
import { z } from 'zod';

export const respondentTypes = ['teacher', 'parent', 'student', 'school'] as const;
export type RespondentType = (typeof respondentTypes)[number];

/** A text in both of Mera's languages: SurveyJS's "default" is Russian, "en" is English. */
export const localizedText = z
  .object({
    default: z.string().trim().min(1, 'the Russian text ("default") is empty'),
    en: z.string().trim().min(1, 'the English text ("en") is empty'),
  })
  .catchall(z.string());
export type LocalizedText = z.infer<typeof localizedText>;

const answerValue = z.union([z.string(), z.number(), z.boolean()]);

export const indicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
    title: localizedText,
    kind: z.enum(['share-positive', 'share-of-schools', 'mean', 'number', 'count', 'deficit-area']),
    questions: z.array(z.string()).min(1),
    positive: z.array(answerValue).optional(),
    target: z
      .object({ op: z.enum(['>', '>=']), value: z.number() })
      .strict()
      .optional(),
    criterion: z.string().optional(),
    area: z.string().optional(),
  })
  .strict();
export type Indicator = z.infer<typeof indicatorSchema>;

const scoringItemSchema = z
  .object({
    question: z.string(),
    /** Points per answer value; without it the question must be a numeric scale scored linearly. */
    points: z.record(z.string(), z.number()).optional(),
    /** What the item measures: the person's own rating of their practice (default) or a knowledge check. */
    part: z.enum(['self-rating', 'knowledge']).optional(),
    /** Answers that leave the item out of scoring, e.g. «Не относится к моей работе» (not part of my job). */
    notScored: z.array(answerValue).min(1).optional(),
    /** Points an unanswered item earns (it then counts in "possible"); without it a skipped item counts neither way. */
    ifSkipped: z.number().optional(),
  })
  .strict();

const scoringAreaSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: localizedText,
    recommendation: localizedText.optional(),
    /** Fewer answered items than this: the area gets no score ("not enough answers"). */
    minAnswered: z.number().int().positive().optional(),
    items: z.array(scoringItemSchema).min(1),
  })
  .strict();

export const scoringSchema = z
  .object({
    method: z.literal('percent-of-max'),
    levels: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), from: z.number().min(0).max(100), title: localizedText }).strict())
      .min(2),
    areas: z.array(scoringAreaSchema).min(1),
  })
  .strict();
export type Scoring = z.infer<typeof scoringSchema>;

export const instrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'lower-case letters, digits and -, 2 to 64 characters'),
    version: z.number().int().positive(),
    respondentType: z.enum(respondentTypes),
    anonymous: z.boolean(),
    /** An anonymous survey that asks for an e-mail, a phone or a name must say so; the catalogue shows it. */
    collectsContact: z.boolean().optional(),
    /** An anonymous survey whose free text may go into row exports (from schools of at least 10 respondents). */
    freeTextInExports: z.boolean().optional(),
    /** Why the survey asks for contact details, shown to respondents beside those questions. */
    contactPurpose: localizedText.optional(),
    title: localizedText,
    description: localizedText.optional(),
    survey: z.record(z.string(), z.unknown()),
    indicators: z.array(indicatorSchema).default([]),
    scoring: scoringSchema.optional(),
  })
  .strict();
export type Instrument = z.infer<typeof instrumentSchema>;

/** What the catalogue lists about an instrument version (no definition). */
export interface InstrumentSummary {
  id: string;
  version: number;
  respondentType: RespondentType;
  anonymous: boolean;
  collectsContact: boolean;
  title: LocalizedText;
  description?: LocalizedText;
  scored: boolean;
  source: 'builtin' | 'upload';
}
