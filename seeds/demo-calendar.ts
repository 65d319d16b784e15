// The demo cluster's campaigns, dated from "today": last school year's (closed), this year's
// checklist stages that have begun, and one open campaign of each instrument now. Monitoring
// reports the previous school year each autumn, three years of it for the dynamics.
import { addDays } from '../server/campaigns/dates';
import type { ChecklistStage } from '../server/campaigns/data';
import type { LocalizedText } from '../server/surveys/instrument';

export interface DemoCampaign {
  instrumentId: string;
  title: LocalizedText;
  opensOn: string;
  closesOn: string;
  stage?: ChecklistStage;
  reportingYear?: string;
  /** Which school year's profile the answers follow: 0 this year, 1 last year, 2 the year before. */
  yearsAgo: number;
}

/** The school year a day falls in, by its first calendar year: 2026-11-23 → 2026 (2026/27). */
function schoolYearOf(day: string): number {
  const [year, month] = day.split('-').map(Number);
  return month >= 9 ? year : year - 1;
}

/** "2026/27" for 2026. */
const yearLabel = (first: number) => `${first}/${String((first + 1) % 100).padStart(2, '0')}`;

const stageNames: Record<ChecklistStage, LocalizedText> = {
  october: { default: 'октябрь', en: 'October' },
  january: { default: 'январь', en: 'January' },
  june: { default: 'июнь', en: 'June' },
};

/** A stage's days in the school year that starts in `first`. */
function stageDays(stage: ChecklistStage, first: number): [string, string] {
  if (stage === 'october') return [`${first}-10-01`, `${first}-10-20`];
  if (stage === 'january') return [`${first + 1}-01-12`, `${first + 1}-01-30`];
  return [`${first + 1}-06-01`, `${first + 1}-06-19`];
}

function checklist(stage: ChecklistStage, first: number, yearsAgo: number): DemoCampaign {
  const [opensOn, closesOn] = stageDays(stage, first);
  const year = yearLabel(first);
  return {
    instrumentId: 'school-checklist',
    title: {
      default: `Самодиагностика ОО по чек-листу, ${year}, ${stageNames[stage].default}`,
      en: `School self-diagnostic checklist, ${year}, ${stageNames[stage].en}`,
    },
    opensOn,
    closesOn,
    stage,
    yearsAgo,
  };
}

function monitoring(reportedFirst: number, opensOn: string, closesOn: string, yearsAgo: number): DemoCampaign {
  const year = yearLabel(reportedFirst);
  return {
    instrumentId: 'school-monitoring',
    title: {
      default: `Мониторинг образовательных результатов за ${year} учебный год`,
      en: `Monitoring of educational results, school year ${year}`,
    },
    opensOn,
    closesOn,
    reportingYear: year,
    yearsAgo,
  };
}

/** Every demo campaign, oldest first. */
export function demoCalendar(today: string): DemoCampaign[] {
  const y = schoolYearOf(today);
  const last = yearLabel(y - 1);
  const now = yearLabel(y);
  const past: DemoCampaign[] = [
    monitoring(y - 3, `${y - 2}-10-01`, `${y - 2}-11-15`, 2),
    monitoring(y - 2, `${y - 1}-10-01`, `${y - 1}-11-15`, 1),
    {
      instrumentId: 'teacher-deficit',
      title: {
        default: `Диагностика профессиональных дефицитов педагогов, сентябрь ${y - 1}`,
        en: `Teacher professional-deficit diagnostic, September ${y - 1}`,
      },
      opensOn: `${y - 1}-09-15`,
      closesOn: `${y - 1}-10-05`,
      yearsAgo: 1,
    },
    checklist('october', y - 1, 1),
    {
      instrumentId: 'parent-survey',
      title: { default: `Анкетирование родителей, ${last}`, en: `Parent survey, ${last}` },
      opensOn: `${y - 1}-11-10`,
      closesOn: `${y - 1}-12-05`,
      yearsAgo: 1,
    },
    {
      instrumentId: 'student-survey',
      title: { default: `Анкетирование обучающихся 5–11 классов, ${last}`, en: `Student survey, grades 5–11, ${last}` },
      opensOn: `${y - 1}-11-10`,
      closesOn: `${y - 1}-12-05`,
      yearsAgo: 1,
    },
    checklist('january', y - 1, 1),
    {
      instrumentId: 'staff-effectiveness',
      title: {
        default: `Эффективность цифровых инструментов в оценочных процедурах: опрос педагогов и администрации, ${last}`,
        en: `Digital tools in assessment: staff survey, ${last}`,
      },
      opensOn: `${y}-03-02`,
      closesOn: `${y}-03-20`,
      yearsAgo: 1,
    },
    {
      instrumentId: 'teacher-deficit',
      title: {
        default: `Диагностика профессиональных дефицитов педагогов, апрель ${y}`,
        en: `Teacher professional-deficit diagnostic, April ${y}`,
      },
      opensOn: `${y}-04-06`,
      closesOn: `${y}-04-24`,
      yearsAgo: 0.5,
    },
    checklist('june', y - 1, 1),
  ];
  // This year's checklist stages that have begun (one may still be open today).
  const stages = (['october', 'january', 'june'] as const).map((s) => checklist(s, y, 0)).filter((c) => c.opensOn <= today);
  const open: DemoCampaign[] = [
    monitoring(y - 1, addDays(today, -30), addDays(today, 45), 0),
    {
      instrumentId: 'teacher-deficit',
      title: { default: `Диагностика профессиональных дефицитов педагогов, ${now}`, en: `Teacher professional-deficit diagnostic, ${now}` },
      opensOn: addDays(today, -20),
      closesOn: addDays(today, 20),
      yearsAgo: 0,
    },
    {
      instrumentId: 'parent-survey',
      title: { default: `Анкетирование родителей, ${now}`, en: `Parent survey, ${now}` },
      opensOn: addDays(today, -14),
      closesOn: addDays(today, 30),
      yearsAgo: 0,
    },
    {
      instrumentId: 'student-survey',
      title: { default: `Анкетирование обучающихся 5–11 классов, ${now}`, en: `Student survey, grades 5–11, ${now}` },
      opensOn: addDays(today, -10),
      closesOn: addDays(today, 30),
      yearsAgo: 0,
    },
    {
      instrumentId: 'staff-effectiveness',
      title: {
        default: `Эффективность цифровых инструментов в оценочных процедурах: опрос педагогов и администрации, ${now}`,
        en: `Digital tools in assessment: staff survey, ${now}`,
      },
      opensOn: addDays(today, -7),
      closesOn: addDays(today, 21),
      yearsAgo: 0,
    },
  ];
  return [...past, ...stages, ...open];
}
