// Every definition of tests/corpus/ appears whole in the outputs (issue 27): each question it asks has
// columns in the responses export (or is named as free text left out of an anonymous survey's), and
// the dynamic rows and panels are flattened as question[1].field.
import fs from 'node:fs';
import path from 'node:path';
import { countRows, dynamicQuestions, exportColumns } from '../../server/analytics/export-columns';
import { checkInstrument } from '../../server/surveys/definition';

const corpusDir = path.join(__dirname, '../corpus');
const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.json'));

describe.each(files)('corpus %s', (file) => {
  const survey = JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8'));
  const checked = checkInstrument(
    { id: 'corpus', version: 1, respondentType: 'teacher', anonymous: true, collectsContact: true, survey },
    { bothLanguages: false },
  );
  if (!checked.ok) throw new Error(`${file}: ${JSON.stringify(checked.problems)}`);
  const { instrument, questions } = checked.compiled;

  test('uploads, and every question has export columns or is named as free text left out', () => {
    // Two rows or panels in every dynamic question (and in those nested inside panels).
    const answers: Record<string, unknown> = {};
    for (const name of dynamicQuestions(instrument)) answers[name] = [{}, {}];
    const counts = new Map<string, number>();
    countRows(instrument, answers, counts);
    for (const locale of ['ru', 'en'] as const) {
      const { columns, leftOut } = exportColumns(instrument, { locale, counts });
      for (const q of questions.questions.values()) {
        const has = columns.some((c) => c.question === q.name);
        const free = (q.rule.kind === 'text' || q.rule.kind === 'comment') && leftOut.length > 0;
        expect({ question: q.name, shown: has || free }).toEqual({ question: q.name, shown: true });
      }
      for (const name of dynamicQuestions(instrument)) {
        const keys = columns.filter((c) => c.question === name).map((c) => c.key);
        if (keys.length) expect(keys.some((k) => k.startsWith(`${name}[1]`))).toBe(true);
      }
    }
  });
});
