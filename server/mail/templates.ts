// Account mail in the recipient's language (Russian by default), as plain text and HTML.
import type { Locale } from '../accounts/data';

export type AccountMailKind = 'invitation' | 'password-reset';

const texts = {
  ru: {
    invitation: {
      subject: 'Приглашение в «Меру»',
      lead: (name: string) =>
        `${name ? `${name}, з` : 'З'}дравствуйте! Вас пригласили в «Меру» — систему опросов и диагностик школ кластера.`,
      action: 'Чтобы задать пароль и войти, откройте ссылку:',
      expires: (days: string) => `Ссылка действует до ${days} и открывается один раз.`,
    },
    'password-reset': {
      subject: 'Смена пароля в «Мере»',
      lead: (name: string) => `${name ? `${name}, з` : 'З'}дравствуйте! Кто-то (надеемся, вы) попросил сменить пароль в «Мере».`,
      action: 'Чтобы задать новый пароль, откройте ссылку:',
      expires: (days: string) => `Ссылка действует до ${days} и открывается один раз. Если вы не просили смену пароля, ничего не делайте.`,
    },
  },
  en: {
    invitation: {
      subject: 'Your invitation to Mera',
      lead: (name: string) =>
        `Hello${name ? ` ${name}` : ''}! You have been invited to Mera, the survey and diagnostics platform of your school cluster.`,
      action: 'To set your password and sign in, open this link:',
      expires: (days: string) => `The link works once, until ${days}.`,
    },
    'password-reset': {
      subject: 'Reset your Mera password',
      lead: (name: string) => `Hello${name ? ` ${name}` : ''}! Someone (we hope you) asked to reset your Mera password.`,
      action: 'To choose a new password, open this link:',
      expires: (days: string) => `The link works once, until ${days}. If you did not ask for this, do nothing.`,
    },
  },
} as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function accountMail(kind: AccountMailKind, locale: Locale, name: string, link: string, expiresAt: Date, timeZone: string) {
  const t = texts[locale][kind];
  const until = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(
    expiresAt,
  );
  const text = `${t.lead(name)}\n\n${t.action}\n${link}\n\n${t.expires(until)}\n`;
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a">` +
    `<p>${escapeHtml(t.lead(name))}</p><p>${escapeHtml(t.action)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    `<p style="color:#444">${escapeHtml(t.expires(until))}</p></body></html>`;
  return { subject: t.subject, text, html };
}

/** What a campaign asks of the person invited, and where their answer goes. */
export type CampaignTaskKind = 'diagnostic' | 'staff-survey' | 'school-form';

const invitationTexts = {
  ru: {
    subject: (title: string) => `Приглашение: ${title}`,
    greeting: (name?: string) => (name ? `${name}, здравствуйте!` : 'Здравствуйте!'),
    ask: {
      diagnostic: (title: string, until: string) =>
        `Приглашаем вас пройти диагностику «${title}» до ${until}. Ответы сохраняются по ходу, можно продолжить в другой день.`,
      'staff-survey': (title: string, until: string) =>
        `Приглашаем вас ответить на анонимный опрос «${title}» до ${until}. Ссылка общая для всей школы: никто не узнает, кто как ответил.`,
      'school-form': (title: string, until: string) =>
        `Пожалуйста, заполните до ${until} форму «${title}» — официальную отчётность вашей школы. Войдите в Меру: форму заполняют координатор школы и названная им рабочая группа, ответы сохраняются по ходу, а отправленную форму можно исправить, пока сбор открыт.`,
    },
    open: 'Открыть:',
    account: (url: string) => `Задание есть и в вашем личном кабинете: ${url}`,
    thanks: 'Спасибо!\nМера',
  },
  en: {
    subject: (title: string) => `Invitation: ${title}`,
    greeting: (name?: string) => (name ? `Dear ${name},` : 'Hello,'),
    ask: {
      diagnostic: (title: string, until: string) =>
        `You are invited to take the diagnostic "${title}" by ${until}. Your answers are saved as you go, so you can finish another day.`,
      'staff-survey': (title: string, until: string) =>
        `You are invited to answer the anonymous survey "${title}" by ${until}. The link is the same for the whole school: nobody will know who answered what.`,
      'school-form': (title: string, until: string) =>
        `Please fill in "${title}", your school's official return, by ${until}. Sign in to Mera: the school's coordinator and the working group they name fill it in, answers are saved as you go, and a sent form can be corrected while the campaign is open.`,
    },
    open: 'Open:',
    account: (url: string) => `You will also find this task in your account: ${url}`,
    thanks: 'Thank you,\nMera',
  },
} as const;

/** A campaign's invitation in the person's language: plain text and HTML with the same content. */
export function campaignInvitationMail(
  locale: Locale,
  m: { name?: string; title: string; closesOn: string; url: string; accountUrl: string; kind: CampaignTaskKind },
) {
  const t = invitationTexts[locale];
  const until = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${m.closesOn}T12:00:00Z`));
  const ask = t.ask[m.kind](m.title, until);
  const text = `${t.greeting(m.name)}\n\n${ask}\n${t.open} ${m.url}\n\n${t.account(m.accountUrl)}\n\n${t.thanks}\n`;
  const link = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a">` +
    `<p>${escapeHtml(t.greeting(m.name))}</p><p>${escapeHtml(ask)}<br>${escapeHtml(t.open)} ${link(m.url)}</p>` +
    `<p>${escapeHtml(t.account('')).trim()} ${link(m.accountUrl)}</p><p>${escapeHtml(t.thanks).replace('\n', '<br>')}</p></body></html>`;
  return { subject: t.subject(m.title), text, html };
}

/** A plain-text mail as HTML: its paragraphs kept, its line breaks kept, its links made clickable. */
export function htmlOfText(text: string, locale: Locale): string {
  const paragraphs = text.split('\n\n').map(
    (p) =>
      `<p>${escapeHtml(p)
        .replace(/\n/g, '<br>')
        .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`,
  );
  return `<!doctype html><html lang="${locale}"><body>${paragraphs.join('')}</body></html>`;
}
