// The client's pages: every address the client renders a page for, and the module under
// client/src/pages that renders it. One table, read by both sides: the client's entry
// (client/src/main.tsx) picks the page by it, the server (client-pages.ts) answers its addresses with
// the page shell and 200, any other with 404. Data only and no imports, so the browser's bundle
// takes it as it is. Add a page here (one line) and both sides know it; tests/api/client-pages.test.ts
// fails when a page module has no line here or a line names no module.

export interface PageRoute {
  name: string;
  /** The addresses of the page; a group captures the page's parameter (a survey link's token). */
  pattern: RegExp;
  /** The module under client/src/pages whose default export is the page, without ".tsx". */
  page: string;
}

export const pageRoutes = [
  { name: 'home', pattern: /^\/$/, page: 'home/HomePage' },
  { name: 'survey', pattern: /^\/s\/([^/]+)\/?$/, page: 'take-survey/TakeSurveyPage' },
  { name: 'sign-in', pattern: /^\/sign-in\/?$/, page: 'sign-in/SignInPage' },
  { name: 'set-password', pattern: /^\/set-password\/?$/, page: 'set-password/SetPasswordPage' },
  { name: 'first-run', pattern: /^\/first-run\/?$/, page: 'first-run/FirstRunPage' },
  { name: 'account', pattern: /^\/account\/?$/, page: 'account/AccountPage' },
  { name: 'users', pattern: /^\/users\/?$/, page: 'users/UsersPage' },
  { name: 'diagnostic', pattern: /^\/diagnostic\/?$/, page: 'diagnostic/DiagnosticPage' },
  { name: 'results', pattern: /^\/results\/?$/, page: 'results/ResultsPage' },
  { name: 'campaigns', pattern: /^\/campaigns\/?$/, page: 'campaigns/CampaignsPage' },
  { name: 'framework', pattern: /^\/framework\/?$/, page: 'framework/FrameworkPage' },
  { name: 'instruments', pattern: /^\/instruments\/?$/, page: 'instruments/InstrumentsPage' },
  // The respondent's page for an instrument being uploaded, inside the Instruments screen's preview frame
  // (the survey page's module renders it when there is no link: the respondent's page stays one chunk).
  { name: 'instrument-preview', pattern: /^\/instruments\/preview\/?$/, page: 'take-survey/TakeSurveyPage' },
] as const satisfies readonly PageRoute[];

export type PageName = (typeof pageRoutes)[number]['name'];

/** The page an address is for, and its parameter when the pattern captures one; undefined: no such page. */
export function pageAt(path: string): { route: (typeof pageRoutes)[number]; param?: string } | undefined {
  for (const route of pageRoutes) {
    const match = route.pattern.exec(path);
    if (match) return { route, param: match[1] };
  }
  return undefined;
}

/** The page shown for an address with no page ("page not found"; the server answers it with 404). */
export const notFoundPage = 'not-found/NotFoundPage';
