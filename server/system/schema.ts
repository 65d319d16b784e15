// The routes that belong to no business component: health, this API's description, the demo page's data.
import type { ApiRoute } from '../http/api-route';

export const systemApi = {
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Whether Mera and its storage are up',
    access: 'public',
    responses: {
      200: { description: "{ status: 'ok', storage }" },
      503: { description: "{ status: 'unavailable', storage }: the storage cannot be reached" },
    },
  },
  openapi: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI 3.1 document of the API' } },
  },
  demo: {
    method: 'get',
    path: '/api/demo',
    summary: "The demo cluster's schools and the links of its demo campaigns (empty without the demo seed)",
    access: 'public',
    responses: { 200: { description: '{ schools, campaigns: [{ id, title, instrumentId, status, opensOn, closesOn, links }] }' } },
  },
} satisfies Record<string, ApiRoute>;
