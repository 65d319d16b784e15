// What a coordinator prints or shows for a link: its QR code (PNG, SVG) and an A4 poster in
// Russian for the parents' meeting (pdfmake with its Roboto fonts, which cover Cyrillic, embedded).
import { renderPdf } from '../system/pdf';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import { getSchool } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { LocalizedText } from '../surveys/instrument';
import { audienceOf, type Audience, type Campaign } from './data';
import type { IssuedLink } from './launch';

export function qrPng(url: string): Promise<Buffer> {
  // No PNG row filter (pngjs's adaptive choice): a two-colour image compresses as well without,
  // and choosing the filter row by row was most of the time spent (seconds on a busy machine).
  const rendererOpts = { filterType: 0 } as { deflateLevel?: number };
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 600, rendererOpts });
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

const greeting: Record<Audience, string> = {
  parents: 'Уважаемые родители!',
  students: 'Дорогие ребята!',
  teachers: 'Уважаемые коллеги!',
  'school-coordinators': 'Уважаемые коллеги!',
};

const russianDay = (day: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

export interface PosterContent {
  title: LocalizedText;
  audience: Audience;
  schoolName: string;
  className?: string | null;
  url: string;
  opensOn: string;
  closesOn: string;
  /** What the poster says about privacy: anonymous, asks for contact details (and why), or neither. */
  privacy: { kind: 'anonymous' } | { kind: 'contact'; purpose?: string } | { kind: 'none' };
}

/** The poster's privacy line follows the instrument: the anonymity promise only when it holds. */
function privacyLine(privacy: PosterContent['privacy']): string | undefined {
  if (privacy.kind === 'anonymous') return 'Опрос анонимный: мы не спрашиваем имя и не сохраняем, кто ответил. Спасибо за ваше мнение!';
  if (privacy.kind === 'contact')
    return `В опросе есть вопросы о ваших контактных данных${privacy.purpose ? `: ${privacy.purpose}` : ''}. Спасибо за ваше мнение!`;
  return undefined;
}

/** The poster of one link of a campaign, and the name of its file (poster-<school number>[-<class>].pdf). */
export async function linkPoster(store: Store, campaign: Campaign, link: IssuedLink, url: string) {
  const school = await getSchool(store, link.schoolId);
  const { instrument } = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const pdf = await posterPdf({
    // The survey's public title, as respondents see it on its page; the campaign's own title is the coordinators' name for it.
    title: instrument.title,
    audience: campaign.audience ?? audienceOf[instrument.respondentType],
    schoolName: school?.name.default ?? link.schoolId,
    className: link.className,
    url,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    privacy: instrument.collectsContact
      ? { kind: 'contact', purpose: instrument.contactPurpose?.default }
      : instrument.anonymous
        ? { kind: 'anonymous' }
        : { kind: 'none' },
  });
  const fileName = `poster-${school?.number ?? link.schoolId}${link.className ? `-${encodeURIComponent(link.className)}` : ''}.pdf`;
  return { pdf, fileName };
}

/** An A4 poster: school, invitation, survey name, QR code, link and days; Russian. */
async function posterPdf(content: PosterContent): Promise<Buffer> {
  const svg = await qrSvg(content.url);
  // A school's own form (checklist, monitoring) is its return, signed in: no word of anonymity.
  const schoolReturn = content.audience === 'school-coordinators';
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: `${content.title.default} — ${content.schoolName}`, creator: 'Мера' },
    defaultStyle: { font: 'Roboto', fontSize: 13, lineHeight: 1.25, color: '#1a1a1a' },
    content: [
      { text: content.schoolName, fontSize: 15, bold: true, alignment: 'center' },
      ...(content.className
        ? [
            {
              text: `Класс ${content.className}`,
              fontSize: 14,
              alignment: 'center' as const,
              margin: [0, 4, 0, 0] as [number, number, number, number],
            },
          ]
        : []),
      { text: greeting[content.audience], fontSize: 22, bold: true, alignment: 'center', margin: [0, 28, 0, 12] },
      { text: schoolReturn ? 'Отчётность школы' : 'Приглашаем вас принять участие в опросе', alignment: 'center' },
      { text: `«${content.title.default}»`, fontSize: 17, bold: true, alignment: 'center', margin: [0, 6, 0, 20] },
      { svg, width: 280, alignment: 'center' },
      { text: 'Наведите камеру телефона на QR-код или откройте ссылку:', alignment: 'center', margin: [0, 16, 0, 4] },
      { text: content.url, fontSize: 14, bold: true, alignment: 'center', noWrap: true },
      {
        text: `${schoolReturn ? 'Форма принимается' : 'Опрос открыт'} с ${russianDay(content.opensOn)} по ${russianDay(content.closesOn)} включительно.`,
        alignment: 'center',
        margin: [0, 20, 0, 0],
      },
      // A school's return says whose it is; a survey says what it keeps private (privacyLine).
      ...[
        schoolReturn
          ? 'Это официальная отчётность школы, а не анонимный опрос: её заполняют координатор школы и рабочая группа, войдя в Меру под своей учётной записью. Каждая отправка сохраняется с именем отправившего.'
          : privacyLine(content.privacy),
      ]
        .filter((text): text is string => !!text)
        .map((text) => ({
          text,
          fontSize: 11,
          color: '#444444',
          alignment: 'center' as const,
          margin: [0, 24, 0, 0] as [number, number, number, number],
        })),
    ],
  };
  return renderPdf(definition);
}
