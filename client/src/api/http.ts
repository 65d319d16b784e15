// Typed calls to Mera's API: `get` for reads, `send` for every state-changing request. A failed
// call throws an ApiError carrying the server's { error: { code, message, field, details } } and
// the HTTP status (status 0 and code "network" when the server could not be reached at all).
import type { SessionUser } from '../../../server/accounts/views';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const networkError = () => new ApiError(0, 'network', 'network error');

/** Reads an answer: its JSON body, or an ApiError from the server's { error: { code, message, field, details } }. */
export async function readAnswer<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'unknown', error.message ?? response.statusText, error.field, error.details);
  }
  return body as T;
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw networkError();
  }
  return readAnswer<T>(response);
}

/** Reads from the API (GET), as the signed-in user when there is one. */
export const get = <T>(path: string): Promise<T> => call<T>(path, { headers: { Accept: 'application/json' } });

// The session's CSRF token (csrf-sync's synchronizer token, sent as x-csrf-token). It comes with
// every session the client reads (GET /api/session) and with the answer to signing in, which
// starts a new session; signing out ends the session and its token. The session's user goes to
// whoever listens (useSession, client/src/session.ts), so every page sees the same.

export interface SessionView {
  user: SessionUser | null;
  csrfToken: string;
}

/** A session as the client knows it: signing out leaves no token until the next read. */
export type KnownSession = { user: SessionUser | null; csrfToken?: string };

let csrfToken: string | undefined;
let reading: Promise<SessionView> | undefined;
const sessionListeners = new Set<(session: KnownSession) => void>();

/** Keeps the token of a session just read or changed (sign-in, sign-out) and tells the listeners. */
export function sessionChanged(session: KnownSession): void {
  csrfToken = session.csrfToken;
  sessionListeners.forEach((listener) => listener(session));
}

export function onSessionChanged(listener: (session: KnownSession) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Reads the session (GET /api/session): one read at a time, shared by whoever asks meanwhile. */
export function readSession(): Promise<SessionView> {
  reading ??= get<SessionView>('/api/session')
    .then((session) => {
      sessionChanged(session);
      return session;
    })
    .finally(() => {
      reading = undefined;
    });
  return reading;
}

export interface SendOptions {
  /**
   * The key made for this submission on the device: the server stores it once however often it
   * is sent (the respondents' answers).
   */
  idempotencyKey?: string;
  /**
   * A respondent's route (a survey link): no session and so no CSRF token. Reading a token would
   * start a session for a respondent who must leave nothing behind.
   */
  anonymous?: boolean;
}

/**
 * Sends a state-changing request (POST, PUT, PATCH, DELETE) with a JSON body and, unless
 * anonymous, the session's CSRF token (read first when the client has none).
 *
 * What is retried, and why: only a refusal for a missing or stale CSRF token (403 csrf.invalid),
 * once, after reading a fresh token. The server checks the token before any route runs, so the
 * refused request did nothing and sending it again cannot do anything twice; the token goes
 * stale when the session has changed since it was read (expired, or signed in or out in another
 * tab). Nothing else is retried here. A network failure may have reached the server or not, so
 * a non-idempotent request is never sent again blindly; a submission with an idempotency key (a
 * respondent's answers) is safe to repeat, and its page repeats it with the same key when the
 * connection returns or the person presses "Send now", with the answer kept on the device and
 * the person told meanwhile. Server errors (5xx) and refusals are the page's to show.
 */
export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown = {}, options: SendOptions = {}) {
  const attempt = async () => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (!options.anonymous) headers['x-csrf-token'] = csrfToken ?? (await readSession()).csrfToken;
    return call<T>(path, { method, body: JSON.stringify(body), headers });
  };
  try {
    return await attempt();
  } catch (err) {
    if (options.anonymous || !(err instanceof ApiError && err.code === 'csrf.invalid')) throw err;
    csrfToken = undefined;
    return attempt();
  }
}
