// What the Instruments screen and its preview frame (SurveyPreview.tsx) say to each other, by
// postMessage within Mera's own origin: the frame is ready, what to show in it, how tall it is.
import type { InstrumentDefinition } from '../../api/respondent';
import type { Locale } from '../../i18n';

export const previewMessage = {
  ready: 'mera.preview.ready',
  show: 'mera.preview.show',
  height: 'mera.preview.height',
} as const;

/** The instrument as the check answered it, the questions asking for contact details, the language. */
export interface PreviewShown {
  instrument: Pick<InstrumentDefinition, 'title' | 'survey' | 'anonymous' | 'collectsContact' | 'contactPurpose' | 'description'>;
  contactQuestions: string[];
  locale: Locale;
}

/** The path of the frame's page (server/http/page-routes.ts). */
export const previewPath = '/instruments/preview';
