// The page benchmark's yardstick (tests/bench/page.ts): survey-core + survey-react-ui + React
// rendering a survey definition from a static JSON file, with nothing of Mera around it.
import { createRoot } from 'react-dom/client';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.css';
import { Survey } from 'survey-react-ui';

surveyLocalization.defaultLocale = 'ru';

fetch('/definition.json')
  .then((r) => r.json())
  .then((json) => createRoot(document.getElementById('root')!).render(<Survey model={new Model(json)} />));
