// What the responses component tells the components above it: a response was kept. It imports none
// of them; they subscribe at start-up (server/components.ts), analytics to keep its rollups. Each
// listener runs once the response is stored, before the respondent is answered; one that fails is
// logged for the operator, not the respondent's problem (their answer is stored).
import type { Store } from '../store';
import type { StoredResponse } from './data';

export interface ResponseKeptListener {
  /** Who listens, as the log names it when it fails ("The analytics rollups"). */
  name: string;
  /** What the operator does about a response it missed ('run "npm run rollups:rebuild"'). */
  recovery: string;
  listener: (store: Store, response: StoredResponse) => Promise<void>;
}

/** By name: subscribing again under the same name replaces the listener, so start-up may run twice. */
const listeners = new Map<string, ResponseKeptListener>();

export function onResponseKept(subscription: ResponseKeptListener): void {
  listeners.set(subscription.name, subscription);
}

/** Tells every listener, one after another, that this response was kept. */
export async function announceResponseKept(store: Store, response: StoredResponse): Promise<void> {
  for (const { name, recovery, listener } of listeners.values()) {
    try {
      await listener(store, response);
    } catch (err) {
      console.error(`${name} missed response ${response._id} of campaign ${response.campaignId}; ${recovery}.`, err);
    }
  }
}

/**
 * A kept response was replaced by a corrected one in a way the listeners cannot add up (a teacher's
 * corrected diagnostic): they recount the campaign. Same subscription rules as above.
 */
export interface ResponsesReplacedListener {
  name: string;
  recovery: string;
  listener: (store: Store, campaignId: string) => Promise<void>;
}

const replacedListeners = new Map<string, ResponsesReplacedListener>();

export function onResponsesReplaced(subscription: ResponsesReplacedListener): void {
  replacedListeners.set(subscription.name, subscription);
}

export async function announceResponsesReplaced(store: Store, campaignId: string): Promise<void> {
  for (const { name, recovery, listener } of replacedListeners.values()) {
    try {
      await listener(store, campaignId);
    } catch (err) {
      console.error(`${name} missed a corrected response of campaign ${campaignId}; ${recovery}.`, err);
    }
  }
}
