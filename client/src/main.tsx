// The client's entry: picks the page from the address. Each page is its own chunk, so the
// respondent's survey page loads nothing of the coordinator screens (and no chart.js), and the
// start page loads nothing of survey-core. The server answers only the paths listed in
// server/http/client-pages.ts (clientRoutes) with 200; keep both lists in step.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { accountPage } from './pages/account/routes';
import './styles.css';

const TakeSurveyPage = lazy(() => import('./pages/take-survey/TakeSurveyPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));

function Shell({ status }: { status: string }) {
  // The same markup the server's HTML paints before any script runs (client/index.html).
  return (
    <>
      <header className="app-header"><span className="brand">Мера</span></header>
      <main id="main"><p className="page-status" role="status">{status}</p></main>
    </>
  );
}

function App() {
  const path = window.location.pathname;
  const survey = path.match(/^\/s\/([^/]+)\/?$/);
  const page = survey ? <TakeSurveyPage token={decodeURIComponent(survey[1])} /> : path === '/' ? <HomePage /> : accountPage(path) ?? <NotFoundPage />;
  return <Suspense fallback={<Shell status={survey ? 'Загрузка опроса…' : 'Загрузка…'} />}>{page}</Suspense>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
