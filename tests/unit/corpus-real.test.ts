// Issue 27: real SurveyJS definitions written elsewhere (tests/corpus-real/, origins in SOURCES.md)
// upload exactly as published, with the envelope the Instruments screen puts around them. Only the
// ones listed in refusedRealSurveys are refused, each for its listed reason; every other upload is
// taken and its reply lists what the server ignores.
import { Problem } from '../../server/errors';
import { uploadInstrument } from '../../server/surveys/catalogue';
import { readRealSurvey, realEnvelope, realSurveyFiles, refusedRealSurveys } from '../support/corpus-real';
import { openTestStore, type TestStore } from '../support/test-store';

let opened: TestStore;
beforeAll(async () => {
  opened = await openTestStore();
});
afterAll(() => opened.close());

type Listed = { path: string; message: string };

async function uploaded(file: string): Promise<{ ok: true; ignored: Listed[] } | { ok: false; problems: Listed[] }> {
  try {
    const reply = await uploadInstrument(opened.store, realEnvelope(file, readRealSurvey(file)));
    return { ok: true, ignored: reply.ignored };
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    return { ok: false, problems: (err.details as { problems: Listed[] }).problems };
  }
}

test('the collected set holds 30 to 40 real definitions, and every one listed as refused is in it', () => {
  expect(realSurveyFiles.length).toBeGreaterThanOrEqual(30);
  expect(realSurveyFiles.length).toBeLessThanOrEqual(40);
  for (const file of Object.keys(refusedRealSurveys)) expect(realSurveyFiles).toContain(file);
});

test.each(realSurveyFiles.filter((f) => !(f in refusedRealSurveys)))('%s uploads as published', async (file) => {
  const result = await uploaded(file);
  if (!result.ok) throw new Error(`${file} was refused:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
});

test.each(Object.entries(refusedRealSurveys))('%s is refused, only for what the server cannot check', async (file, reasons) => {
  const result = await uploaded(file);
  expect(result.ok).toBe(false);
  const problems = (result as { problems: Listed[] }).problems;
  for (const reason of reasons) expect(problems.some((p) => reason.test(p.message))).toBe(true);
  // No other reason: each problem is one of the listed kinds.
  for (const p of problems) expect(reasons.some((r) => r.test(p.message))).toBe(true);
});

test('what the server ignores in real definitions is listed in the reply, each with its path', async () => {
  const expectations: [string, string, RegExp][] = [
    ['library-real-productfeedback.json', 'survey.pages[0].questions[2].visible', /./],
    ['helpdesk-agent-dashboard-template.json', 'survey.pages[0].elements[0].inputType', /"search" .* taken as text/],
    ['helpdesk-tiers.json', 'survey.pages[0].elements[0].keyName', /no column of it/],
    ['library-trigger-setvalue.json', 'survey.triggers[2]', /survey variable "tempvar"/],
    ['library-quiz.json', 'survey.pages[1].elements[1].name', /repeats the question of that name exactly/],
    ['library-validators-standard.json', 'collectsContact', /kept as collecting contact/],
  ];
  for (const [file, path, message] of expectations) {
    const result = await uploaded(file);
    expect(result.ok).toBe(true);
    const listed = (result as { ignored: Listed[] }).ignored.filter((i) => i.path === path);
    if (path.endsWith('.visible')) {
      // Shown by its visible trigger: not ignored, so not listed.
      expect(listed).toEqual([]);
      continue;
    }
    expect(listed.map((i) => i.message).join('\n')).toMatch(message);
  }
});
