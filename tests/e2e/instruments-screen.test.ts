// Issue 27, item 4: the administrators' Instruments screen. A Creator JSON is chosen, refused with
// every problem and its path, fixed, previewed in both languages at phone and desktop width,
// published as a new version and planned from; the screen has no serious accessibility problems.
import fs from 'node:fs';
import path from 'node:path';
import { useSeededMeraInChromium } from '../support/e2e';
import { expectNoSeriousAxeViolations, signIn } from '../support/pages';

const world = useSeededMeraInChromium();
const shots = '/tmp/shots-instruments';

test('an administrator uploads a Creator JSON: problems with their paths, then a preview in both languages at both widths, publish, plan', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, world.baseUrl, 'admin@demo.mera.local', { next: '/instruments' });
  await page.getByRole('heading', { name: 'Каталог' }).waitFor();
  await page.getByRole('row', { name: /parent-survey/ }).waitFor();
  await expectNoSeriousAxeViolations(page);

  const dir = fs.mkdtempSync('/tmp/mera-upload-');
  const broken = path.join(dir, 'club-survey.json');
  fs.writeFileSync(
    broken,
    JSON.stringify({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'file', name: 'photo' },
            { type: 'text', name: 'secret', inputType: 'password' },
          ],
        },
      ],
    }),
  );
  await page.getByLabel('Файл SurveyJS Creator (JSON)').setInputFiles(broken);
  await page.getByText('Прочитан файл «club-survey.json».').waitFor();
  expect(await page.getByLabel('Идентификатор').inputValue()).toBe('club-survey');
  await page.getByRole('button', { name: 'Проверить' }).click();
  await page.getByText('Инструмент не принят, проблем: 2.').waitFor();
  await page.getByText('survey.pages[0].elements[0].type').waitFor();
  await page.getByText('survey.pages[0].elements[1].inputType').waitFor();
  // Each problem in a plain Russian sentence on the Russian page.
  await page.getByText(/Вопрос «photo» — загрузка файла/).waitFor();
  await page.getByText(/просит пароль: в опросе нельзя собирать пароли/).waitFor();
  await page.screenshot({ path: `${shots}/instruments-problems-desktop.png`, fullPage: true });

  const good = path.join(dir, 'club-survey-fixed.json');
  fs.writeFileSync(
    good,
    JSON.stringify({
      title: { ru: 'Клуб выходного дня', en: 'Weekend club' },
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'rating',
              name: 'nps',
              title: { ru: 'Порекомендуете?', en: 'Would you recommend it?' },
              rateMin: 0,
              rateMax: 10,
              addPanelText: 'x',
            },
            { type: 'comment', name: 'why', title: { ru: 'Почему?', en: 'Why?' } },
          ],
        },
      ],
    }),
  );
  await page.getByLabel('Файл SurveyJS Creator (JSON)').setInputFiles(good);
  await page.getByLabel('Идентификатор').fill('club-survey');
  await page.getByRole('button', { name: 'Проверить' }).click();
  await page.getByText('Проверка пройдена: будет опубликована версия 1.').waitFor();
  await page.getByText(/Сервер не использует свойств: 1/).waitFor();
  await page.locator('.instruments-preview').getByText('Порекомендуете?').waitFor();
  await page.screenshot({ path: `${shots}/instruments-preview-ru-phone.png`, fullPage: true });
  await page.getByRole('group', { name: 'Предпросмотр' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Компьютер (1024 px)' }).click();
  await page.locator('.instruments-preview').getByText('Would you recommend it?').waitFor();
  await page.screenshot({ path: `${shots}/instruments-preview-en-desktop.png`, fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Опубликовать как версию 1' }).click();
  await page.getByText('Опубликована версия 1.').waitFor();
  await page
    .getByRole('row', { name: /club-survey/ })
    .getByText('Версия 1: опросов: 0')
    .waitFor();
  await page.getByRole('status').getByRole('link', { name: 'Запланировать опрос' }).click();
  await page.waitForURL(/\/campaigns\?plan&instrument=club-survey/);
  await context.close();

  const phone = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await signIn(onPhone, world.baseUrl, 'admin@demo.mera.local', { next: '/instruments' });
  await onPhone.getByRole('row', { name: /club-survey/ }).waitFor();
  await expectNoSeriousAxeViolations(onPhone);
  await onPhone.screenshot({ path: `${shots}/instruments-catalogue-phone.png`, fullPage: true });
  await phone.close();
});
