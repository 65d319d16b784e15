// The cluster's schools (GET /api/schools): public facts, names and numbers, for every page.
import type { SchoolNames } from '../../../server/campaigns/views';
import { get } from './http';

export interface SchoolView extends SchoolNames {
  id: string;
}

export const fetchSchools = () => get<{ schools: SchoolView[] }>('/api/schools');
