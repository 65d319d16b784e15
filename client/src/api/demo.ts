// The demo cluster on the start page: its schools and the open surveys with a link per school.
import { get } from './http';
import type { Localized } from './respondent';

export interface DemoView {
  schools: { id: string; number: string; name: Localized; shortName: Localized }[];
  campaigns: {
    id: string;
    title: Localized;
    instrumentId: string;
    status: 'planned' | 'open' | 'closed';
    opensOn: string;
    closesOn: string;
    links: { schoolId: string; path: string }[];
  }[];
}

export const fetchDemo = () => get<DemoView>('/api/demo');
