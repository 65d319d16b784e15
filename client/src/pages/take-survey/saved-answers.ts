// Answers kept on this device (localStorage, one entry per link) so a reload, Back or a closed
// tab can resume where the respondent was, and an answer made offline waits here until it is sent.
// The idempotency key is made here, once per answer, so every retry of it is stored only once.
// A device may be shared (a computer class): unfinished answers are offered, never imposed (the
// page asks whether to go on or start over), and kept at most a day.

export interface SavedAnswers {
  data: Record<string, unknown>;
  pageNo: number;
  /** The key the server uses to store this answer once, however often it is sent. */
  key: string;
  /** Completed and waiting to be sent (the network was down, or the tab closed before the reply). */
  pending: boolean;
  /** When they were last kept (this device's clock): unfinished answers are forgotten a day later. */
  savedAt?: number;
}

/** How long unfinished answers stay on the device (a completed one waiting to be sent stays until sent). */
const unfinishedLifetimeMs = 24 * 3600 * 1000;

const answersKey = (token: string) => `mera.answers.${token}`;
const answeredKey = (token: string) => `mera.answered.${token}`;

function read<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: answering still works, it is only not kept across a reload.
  }
}

export function newAnswerKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only on secure pages (https, localhost); a school's plain-http address still has getRandomValues.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function loadAnswers(token: string): SavedAnswers | undefined {
  const saved = read<SavedAnswers>(answersKey(token));
  if (!saved || typeof saved !== 'object' || typeof saved.key !== 'string' || typeof saved.data !== 'object') return undefined;
  if (!saved.pending && !(typeof saved.savedAt === 'number' && Date.now() - saved.savedAt < unfinishedLifetimeMs)) {
    forgetAnswers(token);
    return undefined;
  }
  return saved;
}

export const saveAnswers = (token: string, saved: SavedAnswers) => write(answersKey(token), { ...saved, savedAt: Date.now() });
export const forgetAnswers = (token: string) => write(answersKey(token), undefined);

/** Only "answered on this device", never what or when. */
export const markAnswered = (token: string) => write(answeredKey(token), 1);
export const wasAnswered = (token: string) => read<number>(answeredKey(token)) === 1;
