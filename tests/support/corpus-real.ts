// Test support: the real SurveyJS definitions of tests/corpus-real/ (collected as published, see
// SOURCES.md), the envelope the Instruments screen puts around a bare definition, and the ones
// Mera refuses with the reason it must give (anything else refused is a door too narrow).
import fs from 'node:fs';
import path from 'node:path';

const realCorpusDir = path.join(__dirname, '../corpus-real');

export const realSurveyFiles = fs
  .readdirSync(realCorpusDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

export const readRealSurvey = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(realCorpusDir, file), 'utf8'));

/** The screen's defaults: a parent survey, anonymous, contact left undeclared; the id from the file name. */
export const realEnvelope = (file: string, survey: unknown) => ({
  id: `real-${file.replace(/\.json$/, '')}`.slice(0, 64),
  respondentType: 'parent' as const,
  anonymous: true,
  survey,
});

/**
 * Refused, each for what changes which answers are valid and cannot be checked on a server
 * (a file, a complete trigger) or what a survey must never hold (a
 * password).
 */
export const refusedRealSurveys: Record<string, RegExp[]> = {
  'library-questiontype-file.json': [/is a file question/],
  'library-trigger-complete.json': [/complete trigger cannot be enforced/],
  'helpdesk-ai.json': [/asks for a password/],
  'helpdesk-email-smtp.json': [/asks for a password/],
};
