// The cluster's criteria table of a school year, read while signed in; the shapes are the server's
// (server/analytics/framework-views.ts), imported as types only.
import type { FrameworkView } from '../../../server/analytics/framework-views';
import { get } from './http';

export type { FrameworkCell, FrameworkIndicatorView, FrameworkView } from '../../../server/analytics/framework-views';

const yearQuery = (year: string) => `?year=${encodeURIComponent(year)}`;

export const fetchFramework = (year: string) => get<FrameworkView>(`/api/framework${yearQuery(year)}`);
export const frameworkFileUrl = (year: string, file: 'table.csv' | 'table.xlsx' | 'report.pdf', lang?: 'en') =>
  `/api/framework/${file}${yearQuery(year)}${lang ? `&lang=${lang}` : ''}`;
