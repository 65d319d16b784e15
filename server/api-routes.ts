// Every route of the API as its component describes it (schema.ts): the OpenAPI document is made
// from this list, and tests/api/openapi.test.ts fails when a route of the app is missing from it.
import { accountApi } from './accounts/schema';
import { campaignApi } from './campaigns/schema';
import { diagnosticApi } from './diagnostics/schema';
import { resultsApi } from './analytics/schema';
import { frameworkApi } from './analytics/framework-schema';
import type { ApiRoute } from './http/api-route';
import { responseApi, schoolFormApi } from './responses/schema';
import { schoolApi } from './schools/schema';
import { instrumentApi } from './surveys/schema';
import { systemApi } from './system/schema';

export const apiRoutes: ApiRoute[] = [
  systemApi,
  schoolApi,
  instrumentApi,
  campaignApi,
  responseApi,
  schoolFormApi,
  accountApi,
  diagnosticApi,
  resultsApi,
  frameworkApi,
].flatMap((component) => Object.values(component));
