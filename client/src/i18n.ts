// Mera's interface texts in Russian (default) and English, and the chosen language,
// remembered in this browser. Survey texts themselves come localized in each instrument.
import { useSyncExternalStore } from 'react';

export type Locale = 'ru' | 'en';
const STORAGE_KEY = 'mera.locale';

const texts = {
  ru: {
    appName: 'Мера',
    homeTitle: 'Опросы и диагностики школ',
    tagline: 'Опросы и диагностики для кластера школ: внутренняя система оценки качества образования',
    language: 'Язык',
    loading: 'Загрузка…',
    loadFailed: 'Не удалось загрузить опрос. Проверьте подключение и обновите страницу.',
    unknownLink: 'Ссылка на опрос не найдена. Проверьте, что она скопирована полностью.',
    closedTitle: 'Опрос завершён',
    closed: 'Этот опрос закрыт и больше не принимает ответы. Спасибо за интерес!',
    notOpen: 'Этот опрос ещё не начался.',
    anonymousNote: 'Опрос анонимный: мы не спрашиваем и не сохраняем ваше имя, адрес или время ответа.',
    sending: 'Отправляем ответы…',
    sendFailed: 'Ответы не отправлены:',
    retry: 'Попробовать ещё раз',
    thanksTitle: 'Спасибо!',
    thanks: 'Ваши ответы получены. Они помогут школе стать лучше.',
    profileTitle: 'Ваш профиль',
    profileIntro: 'Результаты по направлениям — сначала те, где стоит начать обучение.',
    notEnough: 'недостаточно ответов',
    recommended: 'Рекомендуем',
    score: 'Результат',
    demoTitle: 'Демонстрационный кластер',
    demoIntro: 'Школы Невского района и открытые опросы. Откройте ссылку школы — так её увидит родитель, ученик или педагог.',
    schools: 'Школы кластера',
    campaigns: 'Опросы',
    open: 'открыт',
    closedStatus: 'закрыт',
    planned: 'запланирован',
    until: 'до',
    noDemo: 'Демонстрационных данных нет. Ссылки на опросы выдаёт координатор.',
    school: 'Школа',
    link: 'Ссылка',
    skipToContent: 'Перейти к содержанию',
  },
  en: {
    appName: 'Mera',
    homeTitle: 'School surveys and diagnostics',
    tagline: 'Surveys and diagnostics for a cluster of schools: internal education-quality assessment',
    language: 'Language',
    loading: 'Loading…',
    loadFailed: 'The survey could not be loaded. Check your connection and reload the page.',
    unknownLink: 'This survey link is not known. Check that it was copied whole.',
    closedTitle: 'Survey closed',
    closed: 'This survey is closed and no longer takes answers. Thank you for your interest!',
    notOpen: 'This survey has not started yet.',
    anonymousNote: 'This survey is anonymous: we neither ask for nor store your name, address or the time you answered.',
    sending: 'Sending your answers…',
    sendFailed: 'Your answers were not sent:',
    retry: 'Try again',
    thanksTitle: 'Thank you!',
    thanks: 'Your answers have been received. They will help the school improve.',
    profileTitle: 'Your profile',
    profileIntro: 'Your results by area, starting with where learning would help most.',
    notEnough: 'not enough answers',
    recommended: 'Recommended',
    score: 'Score',
    demoTitle: 'Demo cluster',
    demoIntro: 'Nevsky district schools and their open surveys. Open a school’s link to see it as a parent, student or teacher would.',
    schools: 'Cluster schools',
    campaigns: 'Surveys',
    open: 'open',
    closedStatus: 'closed',
    planned: 'planned',
    until: 'until',
    noDemo: 'There is no demo data. Survey links are given out by a coordinator.',
    school: 'School',
    link: 'Link',
    skipToContent: 'Skip to content',
  },
} as const;

export type TextKey = keyof (typeof texts)['ru'];

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ru' || saved === 'en') return saved;
  } catch {
    // storage may be blocked; Russian it is
  }
  return 'ru';
}

let current: Locale = initialLocale();
let remembered = true;
const listeners = new Set<() => void>();

export function setLocale(locale: Locale) {
  current = locale;
  try {
    if (remembered) localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = locale;
  listeners.forEach((l) => l());
}

/**
 * The language of a page shown inside another (the Instruments screen's preview of the respondent's
 * page): set by the page around it and never remembered, so it leaves that page's own choice alone.
 */
export function setFramedLocale(locale: Locale) {
  remembered = false;
  setLocale(locale);
}

export function useLocale(): [Locale, (key: TextKey) => string] {
  const locale = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
  return [locale, (key) => texts[locale][key]];
}

/** Picks a localized instrument text: "default" is Russian. */
export function pick(text: { default: string; en?: string } | undefined, locale: Locale): string {
  if (!text) return '';
  return locale === 'en' ? (text.en ?? text.default) : text.default;
}

if (typeof document !== 'undefined') document.documentElement.lang = current;

/** A page's own texts, Russian and English with the same keys; keeps page texts beside the page. */
export type PageTexts<K extends string> = { ru: Record<K, string>; en: Record<K, string> };

/** Like useLocale, for a page's own dictionary (see PageTexts). */
export function useTexts<K extends string>(pageTexts: PageTexts<K>): [Locale, (key: K) => string] {
  const [locale] = useLocale();
  return [locale, (key) => pageTexts[locale][key]];
}
