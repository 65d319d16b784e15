// The respondent's calls: the survey behind a link and the answers to it. No account, no session.
import { ApiError, readAnswer, send } from './http';

export interface Localized {
  default: string;
  en: string;
}

export interface ScoringLevel {
  id: string;
  from: number;
  title: Localized;
}

export interface ScoringArea {
  id: string;
  title: Localized;
  recommendation?: Localized;
}

export interface InstrumentDefinition {
  id: string;
  version: number;
  respondentType: string;
  anonymous: boolean;
  collectsContact?: boolean;
  contactPurpose?: Localized;
  title: Localized;
  description?: Localized;
  survey: Record<string, unknown>;
  scoring?: { levels: ScoringLevel[]; areas: ScoringArea[] };
}

export interface LinkView {
  campaign: { title: Localized; closesOn: string };
  school: { id: string; number: string; name: Localized; shortName: Localized } | null;
  instrument: InstrumentDefinition;
  /** Names of the questions asking for contact details. */
  contactQuestions?: string[];
}

export interface AreaScore {
  score: number | null;
  level: string | null;
  answered: number;
  items: number;
}

export interface Receipt {
  received: true;
  /** This answer had been stored already (a retry): nothing was stored again. */
  repeated?: true;
  dropped: string[];
  scores?: { method: string; areas: Record<string, AreaScore> };
}

/**
 * The survey behind a link. A plain GET with no extra headers, so the browser hands over the
 * response the page's HTML already asked for (<link rel="preload" as="fetch">) instead of asking again.
 */
export async function fetchLink(token: string): Promise<LinkView> {
  let response: Response;
  try {
    response = await fetch(`/api/links/${encodeURIComponent(token)}`);
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  return readAnswer<LinkView>(response);
}

/** Sends an answer with the key made for it on this device: however often it is sent, it is stored once. */
export const submitAnswers = (token: string, answers: Record<string, unknown>, idempotencyKey: string) =>
  send<Receipt>('POST', `/api/links/${encodeURIComponent(token)}/responses`, { answers }, { idempotencyKey, anonymous: true });
