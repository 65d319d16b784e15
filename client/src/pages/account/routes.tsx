// The account pages' addresses, for the client's entry (main.tsx). The server answers the same
// paths with the page shell (server/http/client-pages.ts lists them: keep both in step).
import { lazy } from 'react';

const pages: Record<string, ReturnType<typeof lazy>> = {
  '/sign-in': lazy(() => import('../sign-in/SignInPage')),
  '/set-password': lazy(() => import('../set-password/SetPasswordPage')),
  '/first-run': lazy(() => import('../first-run/FirstRunPage')),
  '/account': lazy(() => import('./AccountPage')),
  '/users': lazy(() => import('../users/UsersPage')),
  '/diagnostic': lazy(() => import('../diagnostic/DiagnosticPage')),
  '/results': lazy(() => import('../results/ResultsPage')),
  '/campaigns': lazy(() => import('../campaigns/CampaignsPage')),
};

/** The account page for this path, or undefined. */
export function accountPage(path: string) {
  const Page = pages[path.replace(/\/$/, '') || '/'];
  return Page ? <Page /> : undefined;
}
