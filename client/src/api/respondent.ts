import { request } from './http';

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
  title: Localized;
  description?: Localized;
  survey: Record<string, unknown>;
  scoring?: { levels: ScoringLevel[]; areas: ScoringArea[] };
}

export interface LinkView {
  campaign: { title: Localized; closesOn: string };
  school: { id: string; number: string; name: Localized; shortName: Localized } | null;
  instrument: InstrumentDefinition;
}

export interface AreaScore {
  score: number | null;
  level: string | null;
  answered: number;
  items: number;
}

export interface Receipt {
  received: true;
  dropped: string[];
  scores?: { method: string; areas: Record<string, AreaScore> };
}

export const fetchLink = (token: string) => request<LinkView>(`/api/links/${encodeURIComponent(token)}`);

export const submitAnswers = (token: string, answers: Record<string, unknown>) =>
  request<Receipt>(`/api/links/${encodeURIComponent(token)}/responses`, { method: 'POST', body: JSON.stringify({ answers }) });
