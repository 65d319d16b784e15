// The client's entry: picks the page for the address from the pages' table
// (server/http/page-routes.ts, which the server reads too, so both answer the same addresses).
// Each page is its own chunk, so the respondent's survey page loads nothing of the coordinator
// screens (and no chart.js), and the start page loads nothing of survey-core.
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { notFoundPage, pageAt } from '../../server/http/page-routes';
import type { LinkView } from './api/respondent';
import { startLink } from './pages/take-survey/early-link';
import './styles.css';

/** What a page is given: the survey page its link's token and, when the entry read it, the link's definition. */
interface PageProps {
  token?: string;
  initialView?: LinkView;
}

// Every page module, each loaded only when its page is shown.
const pageModules = import.meta.glob<{ default: ComponentType<PageProps> }>('./pages/*/*Page.tsx');
const loadPage = (page: string) => pageModules[`./pages/${page}.tsx`]();

const found = pageAt(window.location.pathname);
const token = found?.route.name === 'survey' && found.param !== undefined ? decodeURIComponent(found.param) : undefined;
const pageModule = found?.route.page ?? notFoundPage;
const Page = lazy(() => loadPage(pageModule));

function Shell({ status }: { status: string }) {
  // The same markup the server's HTML paints before any script runs (client/index.html).
  return (
    <>
      <header className="app-header">
        <span className="brand">Мера</span>
      </header>
      <main id="main">
        <p className="page-status" role="status">
          {status}
        </p>
      </main>
    </>
  );
}

function App() {
  return (
    <Suspense fallback={<Shell status={token !== undefined ? 'Загрузка опроса…' : 'Загрузка…'} />}>
      <Page token={token} />
    </Suspense>
  );
}

const root = createRoot(document.getElementById('root')!);
if (token !== undefined) {
  // A survey link (a parent on a phone, often on a slow one): the link's definition and the page's
  // chunk are read together, and React renders once, with both, over the shell the HTML painted
  // (the same markup): no fallback render, no render before the definition is there.
  const view = startLink(token).catch(() => undefined);
  Promise.all([loadPage(pageModule), view]).then(
    ([page, initialView]) =>
      root.render(
        <StrictMode>
          <page.default token={token} initialView={initialView} />
        </StrictMode>,
      ),
    // The chunk did not load: the ordinary path tries again and shows what it can.
    () =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
  );
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
