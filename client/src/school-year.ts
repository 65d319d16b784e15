// The school year the workspace is looking at, chosen in the shell (WorkspaceShell.tsx) and read by
// the pages that show one year (the framework page). Remembered in this browser; the current school
// year until one is chosen. An address's ?year= wins, so a shared link shows its year.
import { useSyncExternalStore } from 'react';
import { schoolYearOfDay } from './components/workspace-nav';

const STORAGE_KEY = 'mera.schoolYear';
const yearPattern = /^\d{4}\/\d{2}$/;

/** This school year and the two before it, the latest first. */
export function recentSchoolYears(today = new Date()): string[] {
  const current = schoolYearOfDay(today.getFullYear(), today.getMonth() + 1);
  const first = Number(current.slice(0, 4));
  return [0, 1, 2].map((back) => schoolYearOfDay(first - back, 9));
}

function initialYear(): string {
  const asked = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('year');
  if (asked && yearPattern.test(asked)) return asked;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && yearPattern.test(saved)) return saved;
  } catch {
    // storage may be blocked
  }
  return recentSchoolYears()[0];
}

let current = initialYear();
const listeners = new Set<() => void>();

export function setSchoolYear(year: string) {
  current = year;
  try {
    localStorage.setItem(STORAGE_KEY, year);
  } catch {
    // not remembered, still chosen
  }
  listeners.forEach((l) => l());
}

export function useSchoolYear(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
