// The client's entry: picks the page from the address. Each page is its own chunk, so the
// respondent's survey page loads nothing of the coordinator screens (and no chart.js).
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { accountPage } from './pages/account/routes';
import './styles.css';

const TakeSurveyPage = lazy(() => import('./pages/take-survey/TakeSurveyPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));

function App() {
  const survey = window.location.pathname.match(/^\/s\/([^/]+)\/?$/);
  return (
    <Suspense fallback={<p className="page-status">…</p>}>
      {survey ? <TakeSurveyPage token={decodeURIComponent(survey[1])} /> : accountPage(window.location.pathname) ?? <HomePage />}
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
