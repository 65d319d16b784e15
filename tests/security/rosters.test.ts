// Issue 23, item 3: a roster cannot exhaust the server or mail the world. A file is at most 1 MB and
// 2 000 rows; an XLSX is refused before it is parsed when it inflates past 5 MB or holds more than
// 20 000 cells; invitations go through the outbox's queue within a daily cap per sender, and a
// roster over the cap is refused whole: nobody added, nobody mailed.
import ExcelJS from 'exceljs';
import { usersCollection } from '../../server/accounts/data';
import { outboxCollection } from '../../server/mail/data';
import { schoolsCollection } from '../../server/schools/data';
import { makeUser, signedInBrowser } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';
import { testConfig } from '../../server/config';

let mera: TestMera;
let schoolId: string;
beforeAll(async () => {
  mera = await startMera({ seed: true, config: { bodyLimit: '3mb', accounts: { ...testConfig().accounts, invitationsPerDay: 5 } } });
  [{ _id: schoolId }] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  await makeUser(mera.store, 'bounded.coordinator@school.test', 'school-coordinator', schoolId);
});
afterAll(() => mera.close());

async function upload(format: 'csv' | 'xlsx', content: Buffer) {
  const c = await signedInBrowser(mera, 'bounded.coordinator@school.test');
  return c.agent
    .post('/api/users/roster')
    .set('x-csrf-token', c.csrf)
    .send({ format, content: content.toString('base64') });
}
const users = () => mera.store.collection(usersCollection).countDocuments({});
const mails = () => mera.store.collection(outboxCollection).countDocuments({});

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Учителя'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csv = (rows: number, from = 0) =>
  Buffer.from(Array.from({ length: rows }, (_, i) => `Учитель ${from + i};t${from + i}@bounded.test;Математика;нет`).join('\r\n'));

test('an XLSX of a few kB that inflates to a 6 MB cell is refused before it is parsed, and adds nobody', async () => {
  const bomb = await xlsx((sheet) => sheet.addRow(['Иванова', 'x'.repeat(6_000_000), 'Математика', 'да']));
  expect(bomb.length).toBeLessThan(100_000);
  const [before, mailed] = [await users(), await mails()];
  const res = await upload('xlsx', bomb);
  expect(res.status).toBe(413);
  expect(res.body.error).toMatchObject({ code: 'roster.too_large', field: 'content' });
  expect([await users(), await mails()]).toEqual([before, mailed]);
});

test('an XLSX holding more than 20 000 cells is refused before it is parsed', async () => {
  const wide = await xlsx((sheet) => {
    for (let r = 0; r < 1000; r++) sheet.addRow(Array.from({ length: 25 }, (_, c) => r * 25 + c));
  });
  const res = await upload('xlsx', wide);
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('roster.too_large');
  expect(res.body.error.message).toMatch(/cells/);
});

test('a file over 1 MB and a roster of more than 2 000 rows are refused whole', async () => {
  const before = await users();
  const big = Buffer.concat([csv(10), Buffer.from(`\r\n${'x'.repeat(1_100_000)}`)]);
  expect((await upload('csv', big)).body.error.code).toBe('roster.too_large');
  const long = await upload('csv', csv(2001));
  expect(long.status).toBe(400);
  expect(long.body.error).toMatchObject({ code: 'roster.too_many_rows', field: 'content' });
  expect(await users()).toBe(before);
});

test("invitations stay within the sender's daily cap: a roster over it adds and mails nobody, one within it goes through the outbox", async () => {
  const [before, mailed] = [await users(), await mails()];
  const over = await upload('csv', csv(6, 100));
  expect(over.status).toBe(429);
  expect(over.body.error).toMatchObject({ code: 'invitation.daily_cap', field: 'content' });
  expect(over.body.error.message).toMatch(/6 invitations.*5 a day.*5 left/);
  expect([await users(), await mails()]).toEqual([before, mailed]);

  const within = await upload('csv', csv(3, 200));
  expect(within.status).toBe(201);
  expect(within.body.added).toHaveLength(3);
  expect(await mails()).toBe(mailed + 3);

  const rest = await upload('csv', csv(3, 300));
  expect(rest.status).toBe(429);
  expect(rest.body.error.message).toMatch(/2 left/);
  expect([await users(), await mails()]).toEqual([before + 3, mailed + 3]);
});
