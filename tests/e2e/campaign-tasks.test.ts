// Planning for people with accounts, in real Chromium: the demo school coordinator plans a teachers'
// diagnostic for their school, changes the plan (opening day, a reminder day, the responsible person
// picked from the school's users), and opens it; the demo teacher of that school signs in on a phone
// and finds the task on the account page, with a button that leads to the diagnostic. axe finds no
// WCAG A/AA violations in Russian and English; the administrator reads the change in the audit log.
// Screenshots go to /tmp for a person to look at.
import { findUserByEmail } from '../../server/accounts/service';
import { schoolsCollection } from '../../server/schools/data';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoAxeViolations, localDay, signIn } from '../support/pages';

const world = useSeededMeraInChromium();

const title = 'Диагностика педагогов, e2e';

test("a school coordinator plans a teachers' diagnostic, changes the plan and opens it; the school's teacher sees the task on a phone and its button leads to the diagnostic", async () => {
  const coordinator = (await findUserByEmail(world.mera.store, 'coordinator@demo.mera.local'))!;
  const school = (await world.mera.store.collection(schoolsCollection).findOne({ _id: coordinator.schoolId! }))!;

  const desktop = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();
  await signIn(page, world.baseUrl, coordinator.email, { next: '/campaigns?plan' });
  await page.getByRole('heading', { name: 'Новая кампания' }).waitFor();
  await page.getByLabel('Инструмент').selectOption('teacher-deficit');
  await page.getByLabel('Название (необязательно)').fill(title);
  await page.getByRole('checkbox', { name: school.shortName.default, exact: true }).check();
  await page.getByLabel('День открытия').fill(localDay(1));
  await page.getByLabel('День закрытия').fill(localDay(14));
  // A reminder outside the campaign's days is refused beside the reminders.
  await page.getByRole('button', { name: 'Добавить день напоминания' }).click();
  await page.getByLabel('День напоминания 1').fill(localDay(20));
  await page.getByRole('button', { name: 'Запланировать' }).click();
  await expect(page.locator('#plan-reminders-error').textContent()).resolves.toBe(
    'Дни напоминаний должны быть в дни кампании и не повторяться.',
  );
  await page.getByRole('button', { name: 'Убрать 1' }).click();
  await page.getByRole('button', { name: 'Запланировать' }).click();

  // The campaign's page: planned; its plan is changed before opening.
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByText('запланирована').first().waitFor();
  await page.getByRole('link', { name: 'Изменить план' }).click();
  await page.getByRole('heading', { name: 'Изменить план кампании' }).waitFor();
  await expect(page.getByLabel('День открытия').inputValue()).resolves.toBe(localDay(1));
  await page.getByLabel('День открытия').fill(localDay(0));
  await page.getByRole('button', { name: 'Добавить день напоминания' }).click();
  await page.getByLabel('День напоминания 1').fill(localDay(3));
  await page.getByLabel('Ответственный').selectOption({ label: 'Другой человек (ввести имя)' });
  await page.getByLabel('Имя ответственного').fill('Ольга Петровна Школьная');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '/tmp/campaign-edit-1280.png', fullPage: true });
  await page.getByRole('button', { name: 'Сохранить изменения' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByText('Ольга Петровна Школьная').waitFor();
  await page.getByRole('button', { name: 'Открыть' }).click();
  await page.getByRole('button', { name: 'Закрыть' }).waitFor();

  // Open: the opening day is fixed (shown, not editable); the school's own plan has no school to add.
  await page.getByRole('link', { name: 'Изменить план' }).click();
  await page
    .getByText('Кампания открыта: можно изменить ожидаемое число ответов, название, ответственного, день закрытия и напоминания.')
    .waitFor();
  await expect(page.getByLabel('День открытия').isDisabled()).resolves.toBe(true);
  await expect(page.getByLabel('День напоминания 1').inputValue()).resolves.toBe(localDay(3));
  await expectNoAxeViolations(page);
  await desktop.close();

  // The teacher of that school, on a phone: the task, by when, and a button to the diagnostic.
  const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await signIn(phone, world.baseUrl, 'teacher@demo.mera.local', { next: '/account' });
  await phone.getByRole('heading', { name: 'Мои задания' }).waitFor();
  const task = phone.locator('.task').filter({ hasText: title });
  await task.getByText('Не начато').waitFor();
  await expectNoAxeViolations(phone);
  await phone.screenshot({ path: '/tmp/account-tasks-390.png', fullPage: true });
  await phone.getByRole('button', { name: 'English' }).click();
  await phone.getByRole('heading', { name: 'My tasks' }).waitFor();
  await task.getByText('Not started').waitFor();
  await expectNoAxeViolations(phone);
  await task.getByRole('link', { name: `Start: ${title}` }).click();
  await phone.waitForURL(/\/diagnostic\?campaign=/);
  await phone.getByRole('heading', { level: 1 }).waitFor();
  await phoneContext.close();

  // The administrator's audit log, filtered by this campaign: who changed what, before → after.
  const admin = await (await world.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, world.baseUrl, 'admin@demo.mera.local', { next: '/campaigns' });
  await admin.getByRole('link', { name: 'Журнал изменений' }).click();
  await admin.getByRole('heading', { name: 'Журнал изменений кампаний' }).waitFor();
  // Days read as «7 декабря 2026 г.» (issue 26, item 7).
  const longDay = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      Date.UTC(y, m - 1, d),
    );
  };
  const today = longDay(localDay(0));
  await admin.getByLabel('Кампания').selectOption({ label: `${title} (${today})` });
  const changed = admin.locator('.audit-table tbody tr').filter({ hasText: 'изменён план' });
  await changed.getByText(`день открытия: ${longDay(localDay(1))} → ${today}`).waitFor();
  await changed.getByRole('cell', { name: coordinator.name, exact: true }).waitFor();
  await changed.getByText(`ответственный (имя): ${coordinator.name} → Ольга Петровна Школьная`).waitFor();
  await expect(admin.locator('.audit-table tbody tr').count()).resolves.toBe(3);
  await expectNoAxeViolations(admin);
  await admin.screenshot({ path: '/tmp/campaign-audit-1280.png', fullPage: true });
  await admin.context().close();
}, 240_000);
