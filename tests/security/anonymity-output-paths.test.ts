// Every output of answers, listed in one array, on campaigns where one school has one answer fewer
// than the minimum group (4 of 5): each output withholds that school's values (saying why), and
// nothing in it lets them be computed: the cluster's value is the shown schools' plus withheld ones
// holding at least the minimum group between them, and the rows of a row export are exactly the
// answers behind the shown values. In the parent survey a school of six where only four answered one
// question is withheld on it, and its complement (the smallest other school) with it.
// Also replays issue 24's attack 1 (export minus aggregate) and attack 3 (one teacher's scores).
import ExcelJS from 'exceljs';
import type { CampaignResults, IndicatorResult } from '../../server/analytics/results';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { makeUser, signedInBrowser } from '../support/accounts';
import { teacherAnswers, teacherKnowledge } from '../support/answers';
import {
  fetchAs,
  parentRated,
  parentsWithSmallSchool,
  teachersChangeWithSmallSchool,
  teachersWithSmallSchool,
  type SmallGroupCampaign,
} from '../support/disclosure';
import { parseCsv, pdfText } from '../support/files';
import { startMera, type TestMera } from '../support/mera';
import { answerThroughLink, campaignWithLinks } from '../support/results';

const adminToken = 'disclosure-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: TestMera;
let schoolIds: string[];

beforeAll(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});

afterAll(async () => {
  await mera.close();
});

const satisfaction = (r: CampaignResults) => r.indicators.find((i) => i.id === 'parent_satisfaction') as IndicatorResult;
const csvRows = (body: Buffer) => parseCsv(body.subarray(3).toString('utf8'));
const pdf = (body: Buffer) => pdfText(body).text.replace(/\s+/g, ' ');
async function xlsxSheet(body: Buffer, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

interface OutputPath {
  name: string;
  campaign: 'parents' | 'teachers' | 'teachersChange';
  path: (c: SmallGroupCampaign) => string;
  /** Checks the output withholds the small school and leaves no remainder to compute it from. */
  check: (body: Buffer, c: SmallGroupCampaign) => Promise<void> | void;
}

/** Every output of answers. A new one belongs here. */
const outputPaths: OutputPath[] = [
  {
    name: 'results API',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}`,
    check: (body, c) => {
      const r: CampaignResults = JSON.parse(body.toString('utf8'));
      for (const i of r.indicators) {
        const small = i.schools.find((s) => s.schoolId === c.small)!.value;
        expect(small).toMatchObject({ value: null, suppressed: true, withheld: 'too_few', n: 4 });
        // What the cluster holds beyond the shown schools is nothing, or withheld schools of at least 5 together.
        const shown = i.schools.filter((s) => !s.value.suppressed).reduce((a, s) => a + s.value.n, 0);
        const rest = i.cluster.n - shown;
        expect(rest === 0 || rest >= 5).toBe(true);
      }
      // The school where four answered the overall satisfaction, and its complement.
      const overall = satisfaction(r);
      const value = (school: string) => overall.schools.find((s) => s.schoolId === school)!.value;
      expect(value(c.fewOnOne!.school)).toMatchObject({ value: null, withheld: 'too_few', n: 4 });
      expect(value(c.fewOnOne!.complement)).toMatchObject({ value: null, withheld: 'complement', n: 6 });
      expect(overall.cluster).toMatchObject({ value: 100, n: 18 });
      expect(r.schools.find((s) => s.id === c.small)!.respondents).toBe(4); // counts stay live
    },
  },
  {
    name: 'results API, one school',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}?school=${c.small}`,
    check: (body) => {
      const r: CampaignResults = JSON.parse(body.toString('utf8'));
      for (const i of r.indicators) expect(i.schools[0].value).toMatchObject({ value: null, withheld: 'too_few' });
    },
  },
  {
    name: 'indicators.csv',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}/indicators.csv`,
    check: (body) => {
      const rows = csvRows(body).slice(1);
      expect(rows).toHaveLength(5);
      // Without the four of the small school: 20 answers, 18 on the overall satisfaction.
      const overall = rows.find((r) => r[0].startsWith('Удовлетворенность родителей тем, как в школе'))!;
      expect([overall[1], overall[4]]).toEqual(['100', '18']);
      for (const row of rows.filter((r) => r !== overall)) expect(row[4]).toBe('20');
    },
  },
  {
    name: 'indicators.xlsx',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}/indicators.xlsx`,
    check: async (body) => {
      const bySchool = await xlsxSheet(body, 'По школам');
      const small = bySchool.filter((r) => r[1] === 'Лицей № 344');
      expect(small.length).toBe(5);
      for (const r of small) expect(r[2]).toBe('мало ответов');
      const overall = (school: string) =>
        bySchool.find((r) => String(r[0]).startsWith('Удовлетворенность родителей тем, как в школе') && r[1] === school)!;
      expect(overall('Школа № 448')[2]).toBe('мало ответов');
      expect(overall('Лицей № 329')[2]).toBe('скрыто');
      expect(overall('Школа № 331')[2]).toBe(100);
    },
  },
  {
    name: 'responses.csv',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}/responses.csv`,
    check: (body) => {
      const [headers, ...rows] = csvRows(body);
      // Only the school shown on every value (331): the small one, the one withheld on one value and
      // its complement are absent, so the file minus the page gives nothing.
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Школа № 331']));
      expect(rows).toHaveLength(8);
      const overall = headers.findIndex((h) => h.startsWith('В целом'));
      expect(new Set(rows.map((r) => r[overall]))).toEqual(new Set(['5']));
    },
  },
  {
    name: 'responses.xlsx',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}/responses.xlsx`,
    check: async (body) => {
      const rows = await xlsxSheet(body, 'Ответы');
      expect(rows).toHaveLength(1 + 8);
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['Школа № 331']));
    },
  },
  {
    name: 'report.pdf',
    campaign: 'parents',
    path: (c) => `/api/results/campaigns/${c.id}/report.pdf`,
    check: (body) => {
      const text = pdf(body);
      expect(text).toMatch(/Лицей № 344 мало ответов/);
      expect(text).toMatch(/Лицей № 329 скрыто, чтобы нельзя было вычислить другую школу/);
      expect(text).toMatch(/100 — — 18/);
    },
  },
  {
    name: 'response rates (counts only)',
    campaign: 'parents',
    path: (c) => `/api/campaigns/${c.id}/response-rates`,
    check: (body, c) => {
      // Counts say who answered how often, nothing of what: they stay live; no value is in them.
      const rates = JSON.parse(body.toString('utf8'));
      expect(rates.schools.find((s: { schoolId: string }) => s.schoolId === c.small).answers).toBe(4);
      expect(body.toString('utf8')).not.toMatch(/"value"|"levels"|"sat_/);
    },
  },
  {
    name: 'teacher diagnostic: results API (heat map, level counts, pooled scores, can teach others, seminar plan)',
    campaign: 'teachers',
    path: (c) => `/api/results/campaigns/${c.id}`,
    check: (body, c) => {
      const r: CampaignResults = JSON.parse(body.toString('utf8'));
      for (const area of r.deficits!.areas) {
        const small = area.schools.find((s) => s.schoolId === c.small)!;
        expect(small).toMatchObject({ suppressed: true, withheld: 'too_few', pooled: null });
        expect(Object.values(small.levels).every((l) => l === null)).toBe(true);
        expect(area.canTeachOthersBySchool.find((s) => s.schoolId === c.small)!.count).toBeNull();
        // The cluster is the other school's six teachers only.
        expect(area.cluster.n).toBe(6);
        expect(area.cluster.levels.deficit).toEqual({ count: 0, share: 0 });
      }
      for (const row of r.deficits!.seminarPlan) {
        expect(row.perSchool.find((s) => s.schoolId === c.small)!.teachersInDeficit).toBeNull();
        expect(row.teachersInDeficit).toBe(0);
      }
    },
  },
  {
    name: 'teacher diagnostic: report.pdf',
    campaign: 'teachers',
    path: (c) => `/api/results/campaigns/${c.id}/report.pdf`,
    check: (body) => {
      const text = pdf(body);
      expect(text).toMatch(/Лицей № 344: мало ответов/);
      expect(text).not.toMatch(/Лицей № 344: \d/);
    },
  },
  {
    name: 'teacher diagnostic change September → April: results API',
    campaign: 'teachersChange',
    path: (c) => `/api/results/campaigns/${c.id}`,
    check: (body, c) => {
      const r: CampaignResults = JSON.parse(body.toString('utf8'));
      expect(r.diagnosticChange!.teachers).toBe(10);
      const [large] = [...c.large.keys()];
      for (const area of r.diagnosticChange!.areas) {
        const school = (id: string) => area.schools.find((s) => s.schoolId === id)!;
        expect(school(c.small)).toMatchObject({ n: 4, before: null, after: null, change: null, suppressed: true });
        // The cluster's change is shown over all ten: beside it the six would give the four away, so they are withheld too.
        expect(school(large)).toMatchObject({ n: 6, before: null, after: null, change: null, suppressed: true });
        expect(area.cluster).toMatchObject({ n: 10, suppressed: false });
        expect(area.cluster.change).not.toBeNull();
      }
    },
  },
  {
    name: 'teacher diagnostic change September → April: indicators.csv',
    campaign: 'teachersChange',
    path: (c) => `/api/results/campaigns/${c.id}/indicators.csv`,
    check: (body) => {
      const [header, ...rows] = csvRows(body);
      const change = header.findIndex((h) => h.startsWith('Изменение с прошлой диагностики'));
      expect(change).toBeGreaterThan(0);
      const schoolRows = rows.filter((r) => r[1] !== 'Кластер');
      expect(schoolRows.length).toBeGreaterThan(0);
      for (const row of schoolRows) expect(row[change]).toBe('мало ответов');
      for (const row of rows.filter((r) => r[1] === 'Кластер')) expect(row[change]).toMatch(/^-?\d/);
    },
  },
];

let parents: SmallGroupCampaign;
let teachers: SmallGroupCampaign;
let teachersChange: SmallGroupCampaign;

describe('every output of answers withholds a school of 4 (N − 1) and leaves nothing to compute it from', () => {
  beforeAll(async () => {
    parents = await parentsWithSmallSchool(mera, schoolIds);
    teachers = await teachersWithSmallSchool(mera, schoolIds);
    teachersChange = await teachersChangeWithSmallSchool(mera, schoolIds.slice(4, 6));
  });

  it.each(outputPaths.map((p) => [p.name, p] as const))('%s', async (_name, output) => {
    const campaign = { parents, teachers, teachersChange }[output.campaign];
    const res = await fetchAs(mera, output.path(campaign), auth);
    expect(res.status).toBe(200);
    await output.check(res.body, campaign);
  });
});

describe('issue 24, attack 1: export minus aggregate', () => {
  it("the cluster's values minus the exported rows give nothing of a school of one parent", async () => {
    const [a, b, c] = schoolIds;
    const { id, tokens } = await campaignWithLinks(mera, 'parent-survey', [a, b, c]);
    await answerThroughLink(mera, tokens.get(a)!, parentRated(1));
    for (let i = 0; i < 6; i++) await answerThroughLink(mera, tokens.get(b)!, parentRated(5));
    for (let i = 0; i < 8; i++) await answerThroughLink(mera, tokens.get(c)!, parentRated(4));
    const results: CampaignResults = JSON.parse((await fetchAs(mera, `/api/results/campaigns/${id}`, auth)).body.toString('utf8'));
    const [headers, ...rows] = csvRows((await fetchAs(mera, `/api/results/campaigns/${id}/responses.csv`, auth)).body);
    const overall = headers.findIndex((h) => h.startsWith('В целом'));
    // For every indicator: the cluster's n is the exported rows' (no answer is left over to derive)...
    for (const i of results.indicators) expect(i.cluster.n).toBe(rows.length);
    // ...and its value is theirs: 14 of 14 answered 4–5, so the one parent's 1 is in no value.
    const positive = rows.filter((r) => ['4', '5'].includes(r[overall])).length;
    expect(satisfaction(results).cluster.value).toBe(Math.round((1000 * positive) / rows.length) / 10);
  });
});

describe("issue 24, attack 3: one teacher's scores", () => {
  it('neither the cluster coordinator nor the school coordinator sees the area scores of a school with one teacher', async () => {
    const [a, b] = schoolIds;
    const { id, tokens } = await campaignWithLinks(mera, 'teacher-deficit', [a, b]);
    await answerThroughLink(mera, tokens.get(a)!, teacherAnswers(2, teacherKnowledge(false)));
    for (let i = 0; i < 5; i++) await answerThroughLink(mera, tokens.get(b)!, teacherAnswers(4, teacherKnowledge(true)));
    await makeUser(mera.store, 'cluster.attack3@cluster.test', 'cluster-coordinator');
    await makeUser(mera.store, 'school.attack3@school.test', 'school-coordinator', a);
    for (const email of ['cluster.attack3@cluster.test', 'school.attack3@school.test']) {
      const r: CampaignResults = (await (await signedInBrowser(mera, email)).agent.get(`/api/results/campaigns/${id}`).expect(200)).body;
      for (const area of r.deficits!.areas) {
        const lone = area.schools.find((s) => s.schoolId === a)!;
        expect(lone).toMatchObject({ suppressed: true, pooled: null });
        // The pooled cluster holds only the five of school b: the lone teacher's points are in no value.
        expect(area.cluster.n).toBe(5);
        if (area.cluster.pooled) expect(area.cluster.pooled.score).toBe(100);
      }
    }
  });
});
