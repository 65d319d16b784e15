// The rules of disclosure control, as plain values and types (no Node, no store: the client reads
// the reason codes' type). docs/privacy-and-security.md says why each rule is what it is.

/** Why a value is withheld: too few answers behind it, or withheld so that another cell cannot be computed. */
export type WithheldReason = 'too_few' | 'complement';

/** Free text of an anonymous survey goes into a row export only from groups at least this large (Panorama, Ofsted Parent View). */
export const freeTextMinGroup = 10;

/** Whose values the minimum group protects: anonymous respondents and teachers' diagnostics; school forms are not personal. */
export const isProtected = (instrument: { respondentType: string }): boolean => instrument.respondentType !== 'school';
