// Regular expressions from uploaded instruments (a regex validator's pattern) run on the server in
// re2js, a linear-time engine: no pattern, however written, can make an answer take more than time
// proportional to its length. Patterns RE2 cannot run (backreferences, lookaround) are refused at
// upload with RE2's reason.
import { RE2JS } from 're2js';

/** A compiled answer pattern: test(text) finds the pattern anywhere in the text, as RegExp.test does. */
export interface AnswerPattern {
  test(text: string): boolean;
}

/** The pattern compiled for answers, or the reason it cannot run in linear time (a sentence fragment). */
export function compileAnswerPattern(pattern: string, caseInsensitive: boolean): AnswerPattern | { reason: string } {
  try {
    const compiled = RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (text: string) => compiled.test(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return { reason: `cannot run in the server's linear-time engine (RE2: ${detail}); backreferences and lookaround are not supported` };
  }
}
