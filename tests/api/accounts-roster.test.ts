// Rosters: a school coordinator uploads teachers as CSV or XLSX; good rows are added and invited,
// bad rows are reported by line with the reason, duplicates are said as such.
import ExcelJS from 'exceljs';
import { usersCollection } from '../../server/accounts/data';
import { schoolsCollection } from '../../server/schools/data';
import { outboxCollection } from '../../server/mail/data';
import { makeUser, signedInBrowser } from '../support/accounts';
import { startMera, TestMera } from '../support/mera';

let mera: TestMera;
let schoolId: string;
let otherSchoolId: string;
beforeAll(async () => {
  mera = await startMera({ seed: true });
  [{ _id: schoolId }, { _id: otherSchoolId }] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 2 });
  await makeUser(mera.store, 'roster.coordinator@school.test', 'school-coordinator', schoolId);
  await makeUser(mera.store, 'already@school.test', 'teacher', schoolId);
});
afterAll(() => mera.close());

async function upload(format: 'csv' | 'xlsx', content: Buffer, extra: object = {}) {
  const c = await signedInBrowser(mera, 'roster.coordinator@school.test');
  return c.agent
    .post('/api/users/roster')
    .set('x-csrf-token', c.csrf)
    .send({ format, content: content.toString('base64'), ...extra });
}

test("a CSV roster with a header adds the good rows as teachers of the coordinator's school, invites them, and reports each bad row by line", async () => {
  const csv = [
    'ФИО;Электронная почта;Предмет;Классный руководитель',
    'Иванова Мария Петровна;maria@school.test;Математика;да',
    'Петров Пётр;not-an-email;Физика;нет',
    'Сидорова Анна;anna@school.test;Химия;может быть',
    ';nameless@school.test;Химия;нет',
    'Уже Есть;ALREADY@school.test;История;нет',
    'Иванова Мария (ещё раз);maria@school.test;Математика;да',
    'Козлов Иван;ivan@school.test;;нет',
  ].join('\r\n');
  const res = await upload('csv', Buffer.from(csv, 'utf8'));
  expect(res.status).toBe(201);
  expect(res.body.added.map((a: { line: number; user: { email: string } }) => [a.line, a.user.email])).toEqual([
    [2, 'maria@school.test'],
    [8, 'ivan@school.test'],
  ]);
  expect(res.body.problems.map((p: { line: number; code: string; field: string }) => [p.line, p.code, p.field])).toEqual([
    [3, 'roster.email_invalid', 'email'],
    [4, 'roster.form_tutor_invalid', 'formTutor'],
    [5, 'roster.name_missing', 'name'],
    [6, 'roster.email_taken', 'email'],
    [7, 'roster.email_repeated', 'email'],
  ]);
  expect(res.body.problems[3].message).toMatch(/already registered/);
  expect(res.body.problems[4].message).toMatch(/line 2/);
  const maria = await mera.store.collection(usersCollection).findOne({ email: 'maria@school.test' });
  expect(maria).toMatchObject({ role: 'teacher', schoolId, subject: 'Математика', formTutor: true, name: 'Иванова Мария Петровна' });
  expect(await mera.store.collection(outboxCollection).countDocuments({ to: { $in: ['maria@school.test', 'ivan@school.test'] } })).toBe(2);
});

test('an XLSX roster without a header row is read in the order name, e-mail, subject, form tutor', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Учителя');
  sheet.addRow(['Смирнов Олег', 'oleg@school.test', 'Информатика', 'нет']);
  sheet.addRow(['Орлова Вера', { text: 'vera@school.test', hyperlink: 'mailto:vera@school.test' }, 'Биология', 'да']);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const res = await upload('xlsx', content);
  expect(res.status).toBe(201);
  expect(res.body.problems).toEqual([]);
  expect(res.body.added.map((a: { user: { email: string; formTutor: boolean } }) => [a.user.email, a.user.formTutor])).toEqual([
    ['oleg@school.test', false],
    ['vera@school.test', true],
  ]);
});

test('a file that is not a spreadsheet is a 400 naming the content, and adds nobody', async () => {
  const before = await mera.store.collection(usersCollection).countDocuments({});
  const res = await upload('xlsx', Buffer.from('this is not a zip file'));
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'roster.unreadable', field: 'content' });
  expect(await mera.store.collection(usersCollection).countDocuments({})).toBe(before);
});

test('a school coordinator cannot upload a roster for another school', async () => {
  const res = await upload('csv', Buffer.from('Кто-то,someone@school.test,,нет'), { schoolId: otherSchoolId });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('auth.forbidden');
  expect(await mera.store.collection(usersCollection).findOne({ email: 'someone@school.test' })).toBeNull();
});
