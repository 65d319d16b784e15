// The schools' route (it reads nothing: no schemas beside its description).
import type { ApiRoute } from '../http/api-route';

export const schoolApi = {
  list: {
    method: 'get',
    path: '/api/schools',
    summary: "The cluster's schools (public facts: numbers and names)",
    access: 'public',
    responses: { 200: { description: '{ schools: [{ id, number, name, shortName }] }' } },
  },
} satisfies Record<string, ApiRoute>;
