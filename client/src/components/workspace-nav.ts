// The workspace's sections and who may use each: one list, read by the shell's navigation
// (WorkspaceShell.tsx). A section shows only when its page exists in the routes table
// (server/http/page-routes.ts), so a page another branch adds (the instruments screen) appears in
// the navigation the day its route lands, and only for the roles that may use it.
import { pageRoutes, type PageRoute } from '../../../server/http/page-routes';
import type { Role } from '../api/accounts';

export type SectionKey = 'tasks' | 'diagnostic' | 'campaigns' | 'results' | 'framework' | 'users' | 'instruments' | 'audit';

export interface Section {
  key: SectionKey;
  /** The page's name in the routes table: the section is offered only when that page exists. */
  page: string;
  href: string;
  roles: readonly Role[];
}

const coordinators: readonly Role[] = ['administrator', 'cluster-coordinator', 'school-coordinator'];
const clusterWide: readonly Role[] = ['administrator', 'cluster-coordinator'];

const sections: readonly Section[] = [
  { key: 'tasks', page: 'account', href: '/account#my-tasks-title', roles: ['school-coordinator', 'teacher'] },
  { key: 'diagnostic', page: 'diagnostic', href: '/diagnostic', roles: ['teacher'] },
  { key: 'campaigns', page: 'campaigns', href: '/campaigns', roles: coordinators },
  { key: 'results', page: 'results', href: '/results', roles: coordinators },
  { key: 'framework', page: 'framework', href: '/framework', roles: clusterWide },
  { key: 'users', page: 'users', href: '/users', roles: coordinators },
  { key: 'instruments', page: 'instruments', href: '/instruments', roles: ['administrator'] },
  { key: 'audit', page: 'campaigns', href: '/campaigns?audit', roles: clusterWide },
];

const pages = new Set((pageRoutes as readonly PageRoute[]).map((r) => r.name));

/** The sections a role may use, in the navigation's order. */
export const sectionsFor = (role: Role): Section[] => sections.filter((s) => s.roles.includes(role) && pages.has(s.page));

/** The section an address belongs to (for aria-current), or undefined. */
export function currentSection(path: string, search: string): SectionKey | undefined {
  if (path.startsWith('/campaigns')) return new URLSearchParams(search).has('audit') ? 'audit' : 'campaigns';
  const found = sections.find((s) => s.href.split(/[?#]/)[0] === path.replace(/\/$/, '') && s.key !== 'tasks');
  if (found) return found.key;
  return path.startsWith('/account') ? 'tasks' : undefined;
}

/** The school year a day falls in: "2026/27" from September 2026 to August 2027. */
export function schoolYearOfDay(year: number, month: number): string {
  const first = month >= 9 ? year : year - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}
