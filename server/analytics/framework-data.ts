// A cluster's criteria table as data, in one place: criteria → indicators → the instrument, the
// questions and the answers each is computed from → the target. Cluster 004's table is written here
// as its roadmap (seeds/004, «Критерии и показатели оценки качества по направлению…») states it:
// two criteria, twelve indicators: eleven answered by each school in the self-diagnostic checklist
// (a share of the cluster's schools, a census) and one from the staff survey (a share of the
// respondents, a sample). Clusters 000 and 002 have roadmaps of their own: each gets a table in
// `frameworks` keyed by its id, and the page, the API, the report and the exports read whichever
// is asked for. docs/indicators.md describes the shape.
import type { Target } from './views';
import type { LocalizedText } from '../surveys/instrument';

/** Where an indicator's value comes from. */
export type IndicatorSource =
  | {
      /** Each school answers in a school form; the value is the share of the cluster's schools whose latest answer is positive. */
      kind: 'share-of-schools';
      instrumentId: string;
      question: string;
      /** «да» */
      positive: string[];
      /** «частично»: shown in the matrix, not counted as meeting it. */
      partly: string[];
    }
  | {
      /** Respondents answer an anonymous survey; the value is the share of them giving a positive answer, pooled over the cluster. */
      kind: 'share-positive';
      instrumentId: string;
      question: string;
      positive: (string | number)[];
    };

export interface FrameworkIndicator {
  /** Stable id, also the instrument's indicator id where the instrument declares one. */
  id: string;
  /** The indicator's number in the table, as the roadmap lists them (1–12 for 004). */
  number: number;
  title: LocalizedText;
  source: IndicatorSource;
  target: Target;
  /** The target as the roadmap words it: «90% ОО кластера», «выше 80%». */
  targetText: LocalizedText;
}

export interface FrameworkCriterion {
  id: string;
  title: LocalizedText;
  indicators: FrameworkIndicator[];
}

export interface Framework {
  /** The cluster's id in the district's numbering ("004"). */
  cluster: string;
  title: LocalizedText;
  criteria: FrameworkCriterion[];
}

const ninetyPercentOfSchools = { default: '90% ОО кластера', en: '90% of the cluster’s schools' };

let number = 0;
const checklist = (id: string, question: string, title: LocalizedText): FrameworkIndicator => ({
  id,
  number: ++number,
  title,
  source: { kind: 'share-of-schools', instrumentId: 'school-checklist', question, positive: ['yes'], partly: ['partly'] },
  target: { op: '>=', value: 90 },
  targetText: ninetyPercentOfSchools,
});

const internal: FrameworkIndicator[] = [
  checklist('chk_int_e_planning', 'int_e_planning', {
    default: 'Ведется электронное планирование процедур внутренней оценки качества образования',
    en: 'Internal quality-assessment procedures are planned electronically',
  }),
  checklist('chk_int_kim_catalogue', 'int_kim_catalogue', {
    default: 'Создан электронный каталог КИМ для проведения оценочных процедур',
    en: 'An electronic catalogue of assessment materials (KIM) for assessment procedures has been created',
  }),
  checklist('chk_int_personal_results', 'int_personal_results', {
    default:
      'ЦТ используются для подготовки диагностических материалов для проведения оценки достижения обучающимися личностных результатов освоения ООП',
    en: "Digital technologies are used to prepare diagnostic materials for assessing students' personal outcomes",
  }),
  checklist('chk_int_metasubject_kim', 'int_metasubject_kim', {
    default: 'ЦТ используются для подготовки КИМ для оценки достижения обучающимися метапредметных результатов освоения ООП',
    en: "Digital technologies are used to prepare assessment materials for students' meta-subject outcomes",
  }),
  checklist('chk_int_subject_results', 'int_subject_results', {
    default: 'ЦТ используются для проведения оценки достижения обучающимися предметных результатов освоения ООП',
    en: "Digital technologies are used to assess students' subject outcomes",
  }),
  checklist('chk_int_results_analysis', 'int_results_analysis', {
    default: 'ЦТ используются для проведения сбора и анализа результатов проведения оценочных процедур',
    en: 'Digital technologies are used to collect and analyse the results of assessment procedures',
  }),
  checklist('chk_int_class_portfolio', 'int_class_portfolio', {
    default:
      'Сформированы электронные портфолио классов для сбора и хранения результатов оценочных процедур, проведения мониторинга качества образования',
    en: 'Electronic class portfolios hold the results of assessment procedures and serve quality monitoring',
  }),
  checklist('chk_int_self_evaluation', 'int_self_evaluation', {
    default: 'ЦТ используются в планировании и проведении процедур самообследования',
    en: 'Digital technologies are used in planning and conducting self-evaluation',
  }),
  {
    id: 'staff_satisfaction_digital',
    number: ++number,
    title: {
      default:
        'Удовлетворенность участников образовательных отношений (представителей администрации ОО, педагогов) использованием ЦТ при проведении оценочных процедур',
      en: 'Satisfaction of school administrators and teachers with the use of digital technologies in assessment procedures',
    },
    source: { kind: 'share-positive', instrumentId: 'staff-effectiveness', question: 'sat_overall', positive: [4, 5] },
    target: { op: '>', value: 80 },
    targetText: { default: 'выше 80%', en: 'above 80%' },
  },
];

const external: FrameworkIndicator[] = [
  checklist('chk_ext_kim_catalogue', 'ext_kim_catalogue', {
    default: 'Создан электронный каталог КИМ для подготовки обучающихся к проведению оценочных процедур',
    en: 'An electronic catalogue of assessment materials for preparing students for assessment procedures has been created',
  }),
  checklist('chk_ext_results_analysis', 'ext_results_analysis', {
    default: 'ЦТ используются для проведения сбора и анализа результатов проведения оценочных процедур',
    en: 'Digital technologies are used to collect and analyse the results of assessment procedures',
  }),
  checklist('chk_ext_noko', 'ext_noko', {
    default:
      'ЦТ используются для подготовки материалов для проведения независимой оценки качества условий осуществления образовательной деятельности',
    en: 'Digital technologies are used to prepare materials for the independent assessment of the conditions of educational activity',
  }),
];

const cluster004: Framework = {
  cluster: '004',
  title: {
    default: 'Использование современных цифровых технологий для проведения оценочных процедур',
    en: 'Using modern digital technologies for assessment procedures',
  },
  criteria: [
    {
      id: 'internal',
      title: {
        default: 'Использование ЦТ при проведении процедур внутренней оценки качества образования',
        en: 'Digital technologies in internal education-quality assessment',
      },
      indicators: internal,
    },
    {
      id: 'external',
      title: {
        default: 'Использование ЦТ при проведении процедур внешней оценки качества образования',
        en: 'Digital technologies in external education-quality assessment',
      },
      indicators: external,
    },
  ],
};

/** Every cluster's criteria table by the cluster's id; the demo cluster is 004. */
export const frameworks: Readonly<Record<string, Framework>> = { '004': cluster004 };

/** The cluster whose table is shown when none is asked for. */
export const defaultCluster = '004';

/** The criterion an indicator stands under in the cluster's table (its title labels the indicator wherever it appears), or undefined. */
export function criterionOf(indicatorId: string, cluster = defaultCluster): { id: string; title: LocalizedText } | undefined {
  const found = frameworks[cluster]?.criteria.find((c) => c.indicators.some((i) => i.id === indicatorId));
  return found && { id: found.id, title: found.title };
}
