// The client's entry: picks the page from the address. Each page is its own chunk, so the
// respondent's survey page loads nothing of the coordinator screens (and no chart.js), and the
// start page loads nothing of survey-core. The server answers only the paths listed in
// server/http/client-pages.ts (clientRoutes) with 200; keep both lists in step.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { accountPage } from './pages/account/routes';
import { startLink } from './pages/take-survey/early-link';
import './styles.css';

const surveyPath = /^\/s\/([^/]+)\/?$/;

const TakeSurveyPage = lazy(() => import('./pages/take-survey/TakeSurveyPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));

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
  const path = window.location.pathname;
  const survey = path.match(surveyPath);
  const page = survey ? (
    <TakeSurveyPage token={decodeURIComponent(survey[1])} />
  ) : path === '/' ? (
    <HomePage />
  ) : (
    (accountPage(path) ?? <NotFoundPage />)
  );
  return <Suspense fallback={<Shell status={survey ? 'Загрузка опроса…' : 'Загрузка…'} />}>{page}</Suspense>;
}

const root = createRoot(document.getElementById('root')!);
const survey = window.location.pathname.match(surveyPath);
if (survey) {
  // A survey link (a parent on a phone, often on a slow one): the link's definition and the page's
  // chunk are read together, and React renders once, with both, over the shell the HTML painted
  // (the same markup): no fallback render, no render before the definition is there.
  const token = decodeURIComponent(survey[1]);
  const view = startLink(token).catch(() => undefined);
  Promise.all([import('./pages/take-survey/TakeSurveyPage'), view]).then(
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
