// Personal (non-anonymous) instruments, such as the teacher's diagnostic taken while signed in:
// the person's own record lives with the diagnostics component; here its answers join the
// campaign's responses for aggregated results, without the person's id (the responses schema
// stays strict and anonymous: no user id can be written into it).
import type { Store } from '../store';
import type { StoredResponse } from './data';
import { keepResponse } from './keep';

export async function recordResponseForAggregates(store: Store, response: Omit<StoredResponse, '_id'>): Promise<void> {
  await keepResponse(store, response);
}
