// The start-up checks of instrument files: the six built-ins pass; a broken file is refused
// with its name and the problem.
import fs from 'node:fs';
import path from 'node:path';
import { InstrumentFilesError, readInstrumentFiles } from '../../server/surveys/files';
import { checkInstrument } from '../../server/surveys/definition';
import { builtinInstruments } from '../support/instruments';
import { tempDir } from '../support/temp-dir';

const source = (id: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../surveys', `${id}.json`), 'utf8'));

test('the six built-in instruments pass every check, one per respondent type and purpose', () => {
  // Read as start-up reads them, survey-core's own reading included (the support module's copy leaves it out).
  const all = readInstrumentFiles(path.join(__dirname, '../../surveys'));
  const current = all.filter((c) => c === all.find((d) => d.instrument.id === c.instrument.id));
  expect(current.map((c) => `${c.instrument.id}:${c.instrument.respondentType}`).sort()).toEqual([
    'parent-survey:parent',
    'school-checklist:school',
    'school-monitoring:school',
    'staff-effectiveness:teacher',
    'student-survey:student',
    'teacher-deficit:teacher',
  ]);
});

test('the five instruments of issue 13 are at version 2 and their version 1 stays registrable beside them', () => {
  for (const id of ['parent-survey', 'student-survey', 'staff-effectiveness', 'school-checklist', 'school-monitoring']) {
    const versions = builtinInstruments.filter((c) => c.instrument.id === id).map((c) => c.instrument.version);
    expect(versions).toEqual([2, 1]);
  }
});

test('the school checklist has one item per indicator of the criteria table (11, the 12th being staff satisfaction)', () => {
  const checklist = builtinInstruments.find((c) => c.instrument.id === 'school-checklist')!;
  expect(checklist.instrument.indicators.filter((i) => i.kind === 'share-of-schools')).toHaveLength(11);
  const staff = builtinInstruments.find((c) => c.instrument.id === 'staff-effectiveness')!;
  expect(staff.instrument.indicators.find((i) => i.id === 'staff_satisfaction_digital')?.target).toEqual({ op: '>', value: 80 });
});

/** The questions a respondent can be shown (layout elements such as html left out), and those shown only after certain answers. */
function questionsOf(id: string): { all: string[]; conditional: string[] } {
  const all: string[] = [];
  const conditional: string[] = [];
  const walk = (elements: { type: string; name: string; visibleIf?: string; elements?: unknown[] }[]) => {
    for (const e of elements) {
      if (e.type === 'panel') walk((e.elements ?? []) as never);
      else if (e.type !== 'html') {
        all.push(e.name);
        if (e.visibleIf) conditional.push(e.name);
      }
    }
  };
  for (const page of source(id).survey.pages) walk(page.elements);
  return { all, conditional };
}

test('the parent survey asks 14 questions, two of them only after certain answers, so it takes under 5 minutes (README states the count)', () => {
  const { all, conditional } = questionsOf('parent-survey');
  expect(all).toHaveLength(14);
  expect(conditional).toEqual(['ediary_useful', 'online_tests_opinion']);
  expect(source('parent-survey').description.default).toMatch(/14 коротких вопросов/);
});

test('plain words for parents and students: no unexplained «оценочные процедуры», ВПР spelled out, no names asked in the comment boxes', () => {
  for (const id of ['parent-survey', 'student-survey']) {
    const text = JSON.stringify(source(id).survey);
    expect(text).not.toMatch(/оценочн/);
    expect(text).toMatch(/всероссийские проверочные работы/);
    const suggestions = source(id)
      .survey.pages.flatMap((p: { elements: { name: string }[] }) => p.elements)
      .find((e: { name: string }) => e.name === 'suggestions');
    expect(suggestions.description.default).toMatch(/не пиш\S+ имен/);
  }
});

test('the double-barrelled satisfaction questions are split: the parent\u2019s results communication and the student\u2019s overall satisfaction', () => {
  expect(questionsOf('parent-survey').all).toEqual(expect.arrayContaining(['sat_results_timely', 'sat_results_clear']));
  expect(questionsOf('parent-survey').all).not.toContain('sat_results_communication');
  expect(questionsOf('student-survey').all).toEqual(expect.arrayContaining(['sat_testing', 'sat_results_info']));
  expect(questionsOf('student-survey').all).not.toContain('sat_overall');
});

test('parent and student satisfaction are informative shares without a target; staff satisfaction keeps 004\u2019s "above 80%" as an internal criterion', () => {
  const indicator = (id: string, indicatorId: string) =>
    builtinInstruments.find((c) => c.instrument.id === id)!.instrument.indicators.find((i) => i.id === indicatorId)!;
  expect(indicator('parent-survey', 'parent_satisfaction').target).toBeUndefined();
  expect(indicator('student-survey', 'student_satisfaction').target).toBeUndefined();
  expect(indicator('staff-effectiveness', 'staff_satisfaction_digital')).toMatchObject({
    kind: 'share-positive',
    questions: ['sat_overall'],
    positive: [4, 5],
    target: { op: '>', value: 80 },
    criterion: 'internal',
  });
});

test('the staff survey\u2019s stage matrix offers «Не участвую» on every row', () => {
  const matrix = source('staff-effectiveness')
    .survey.pages.flatMap((p: { elements: { name: string }[] }) => p.elements)
    .find((e: { name: string }) => e.name === 'sat_procedures');
  expect(matrix.columns.map((c: { value: unknown }) => c.value)).toEqual([1, 2, 3, 4, 5, 'not_involved']);
});

test('English: distinct titles for the internal and external results-analysis indicators, "Grades 5–6"', () => {
  const checklist = builtinInstruments.find((c) => c.instrument.id === 'school-checklist')!.instrument.indicators;
  const en = (id: string) => (checklist.find((i) => i.id === id)!.title as { en: string }).en;
  expect(en('chk_int_results_analysis')).not.toEqual(en('chk_ext_results_analysis'));
  expect(JSON.stringify(source('student-survey'))).toContain('"Grades 5–6"');
  expect(JSON.stringify(source('student-survey'))).not.toMatch(/"Grade \d/);
});

test('the teacher diagnostic scores the eight areas of the cluster seminar topics, the electronic centre included', () => {
  const teacher = builtinInstruments.find((c) => c.instrument.id === 'teacher-deficit')!;
  expect(teacher.instrument.scoring!.areas.map((a) => a.id)).toEqual([
    'e_planning',
    'digital_results',
    'item_bank',
    'results_analysis',
    'noko',
    'self_evaluation',
    'class_portfolio',
    'e_centre',
  ]);
  expect(teacher.instrument.scoring!.areas.every((a) => a.recommendation)).toBe(true);
});

describe('a broken instrument file stops start-up with the file name and the problem', () => {
  function filesWith(name: string, content: unknown): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  }
  const messageFor = (dir: string) => {
    try {
      readInstrumentFiles(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(InstrumentFilesError);
      return (err as Error).message;
    }
    throw new Error('the files were accepted');
  };

  test('a file that is not JSON', () => {
    expect(messageFor(filesWith('parent-survey.json', '{ "id": '))).toMatch(/parent-survey\.json: not valid JSON/);
  });

  test('a text without its English translation', () => {
    const broken = source('parent-survey');
    delete broken.survey.pages[1].elements[0].title.en;
    expect(messageFor(filesWith('parent-survey.json', broken))).toMatch(
      /parent-survey\.json: survey\.pages\[1\]\.elements\[0\]\.title: "title" must have both Russian \("default"\) and English \("en"\) text/,
    );
  });

  test('scoring that names a question the survey does not have', () => {
    const broken = source('teacher-deficit');
    broken.scoring.areas[0].items[0].question = 'no_such_question';
    expect(messageFor(filesWith('teacher-deficit.json', broken))).toMatch(
      /teacher-deficit\.json: scoring: scoring area e_planning: item "no_such_question" is no question of the survey/,
    );
  });

  test('scoring that leaves out an answer the question does not offer, or lets a skip earn more than the item can', () => {
    const broken = source('teacher-deficit');
    const portfolio = broken.scoring.areas.find((a: { id: string }) => a.id === 'class_portfolio');
    portfolio.items[0].notScored = ['not_my_job'];
    portfolio.items[5].ifSkipped = 5;
    const message = messageFor(filesWith('teacher-deficit.json', broken));
    expect(message).toMatch(
      /scoring area class_portfolio: item "class_portfolio_1": the not-scored answer "not_my_job" is not a choice of the question/,
    );
    expect(message).toMatch(
      /scoring area class_portfolio: item "class_portfolio_k": "ifSkipped" must lie within the item's points \(0 to 3\)/,
    );
  });

  test('a knowledge item whose «Не знаю» ("none") has no points', () => {
    const broken = source('teacher-deficit');
    delete broken.scoring.areas[0].items[4].points.none;
    expect(messageFor(filesWith('teacher-deficit.json', broken))).toMatch(
      /scoring area e_planning: item "e_planning_k": the choice "none" has no points/,
    );
  });

  test('an indicator that names a question the survey does not have', () => {
    const broken = source('school-checklist');
    broken.indicators[0].questions = ['ghost'];
    expect(messageFor(filesWith('school-checklist.json', broken))).toMatch(
      /school-checklist\.json: indicators\[0\]\.questions: indicator chk_\w+: "ghost" is no question/,
    );
  });

  test('a file whose id differs from its name', () => {
    expect(messageFor(filesWith('other-name.json', source('parent-survey')))).toMatch(
      /other-name\.json: the id "parent-survey" must match the file name/,
    );
  });
});

describe('earlier editions in surveys/earlier/ stay registrable beside the current one', () => {
  function withEarlier(current: Record<string, unknown>, earlierName: string, earlier: Record<string, unknown>): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${current.id}.json`), JSON.stringify(current));
    fs.mkdirSync(path.join(dir, 'earlier'));
    fs.writeFileSync(path.join(dir, 'earlier', earlierName), JSON.stringify(earlier));
    return dir;
  }
  const v = (n: number) => ({ ...source('parent-survey'), version: n });

  test('both editions are read, the current one first so a lookup by id finds it', () => {
    const read = readInstrumentFiles(withEarlier(v(2), 'parent-survey.v1.json', v(1)));
    expect(read.map((c) => `${c.instrument.id}@${c.instrument.version}`)).toEqual(['parent-survey@2', 'parent-survey@1']);
    expect(read.find((c) => c.instrument.id === 'parent-survey')!.instrument.version).toBe(2);
  });

  test('an earlier edition named without its version is refused', () => {
    expect(() => readInstrumentFiles(withEarlier(v(2), 'parent-survey.json', v(1)))).toThrow(
      /earlier\/parent-survey\.json: an earlier edition must be named after its id and version \(parent-survey\.v1\.json\)/,
    );
  });

  test('an "earlier" edition that is not older than the current one is refused', () => {
    expect(() => readInstrumentFiles(withEarlier(v(2), 'parent-survey.v2.json', v(2)))).toThrow(
      /version 2 is not older than the current edition's 2/,
    );
  });

  test('an earlier edition without a current one is refused', () => {
    const dir = withEarlier(v(2), 'student-survey.v1.json', { ...source('student-survey'), version: 1 });
    expect(() => readInstrumentFiles(dir)).toThrow(/earlier\/student-survey\.v1\.json: there is no current edition student-survey\.json/);
  });
});

test('definitions using what the server cannot enforce are refused, each reason listed with its JSON path', () => {
  const l = (s: string) => ({ default: s, en: s });
  const result = checkInstrument({
    id: 'creator-export',
    version: 1,
    respondentType: 'parent',
    anonymous: true,
    title: l('Т'),
    survey: {
      triggers: [{ type: 'complete', expression: '{a} = 1' }],
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'file', name: 'doc', title: l('Ф') },
            { type: 'signaturepad', name: 'sign', title: l('П') },
            { type: 'text', name: 'same', title: l('А'), inputType: 'password' },
            { type: 'comment', name: 'same', title: 'only Russian' },
          ],
        },
      ],
    },
  });
  expect(result.ok).toBe(false);
  const problems = (result as { problems: { path: string; message: string }[] }).problems;
  const at = (path: string) =>
    problems
      .filter((p) => p.path === path)
      .map((p) => p.message)
      .join('\n');
  expect(at('survey.triggers[0]')).toMatch(/complete trigger cannot be enforced/);
  expect(at('survey.pages[0].elements[0].type')).toMatch(/"doc" is a file question/);
  expect(at('survey.pages[0].elements[1].type')).toMatch(/"sign" is a signaturepad question/);
  expect(at('survey.pages[0].elements[2].inputType')).toMatch(/password/);
  expect(at('survey.pages[0].elements[3].name')).toMatch(/"same" is used twice/);
  expect(at('survey.pages[0].elements[3].title')).toMatch(/both Russian \("default"\) and English/);
});
