// Account mail in the recipient's language (Russian by default), as plain text and HTML.
import type { Locale } from '../accounts/data';

export type AccountMailKind = 'invitation' | 'password-reset';

const texts = {
  ru: {
    invitation: {
      subject: 'Приглашение в «Меру»',
      lead: (name: string) => `${name ? `${name}, з` : 'З'}дравствуйте! Вас пригласили в «Меру» — систему опросов и диагностик школ кластера.`,
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
      lead: (name: string) => `Hello${name ? ` ${name}` : ''}! You have been invited to Mera, the survey and diagnostics platform of your school cluster.`,
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

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function accountMail(kind: AccountMailKind, locale: Locale, name: string, link: string, expiresAt: Date, timeZone: string) {
  const t = texts[locale][kind];
  const until = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(expiresAt);
  const text = `${t.lead(name)}\n\n${t.action}\n${link}\n\n${t.expires(until)}\n`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a">` +
    `<p>${escapeHtml(t.lead(name))}</p><p>${escapeHtml(t.action)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` +
    `<p style="color:#444">${escapeHtml(t.expires(until))}</p></body></html>`;
  return { subject: t.subject, text, html };
}
