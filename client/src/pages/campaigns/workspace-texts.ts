// Texts the workspace added to a campaign's page: its results link and the confirmation before
// closing (kept apart from texts.ts so the two grow without meeting).
import type { PageTexts } from '../../i18n';

export const campaignWorkspaceTexts = {
  ru: {
    results: 'Результаты',
    closeConfirm: 'Закрыть кампанию? Ссылки перестанут принимать ответы; открыть её снова можно будет позже.',
    closeYes: 'Да, закрыть',
    closeNo: 'Отмена',
  },
  en: {
    results: 'Results',
    closeConfirm: 'Close the campaign? Its links will stop taking answers; it can be reopened later.',
    closeYes: 'Yes, close it',
    closeNo: 'Cancel',
  },
} satisfies PageTexts<string>;
