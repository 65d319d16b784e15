// Settings of the running system shared by every app instance (kept in the store, not in process
// memory): the generated link secret today, session keys next.
import { defineCollection } from '../store';

export interface Setting {
  _id: string;
  value: string;
}

export const settingsCollection = defineCollection<Setting>('settings', {
  value: { type: String, required: true },
});
