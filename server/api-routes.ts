// Every route of the API as its component describes it (schema.ts): the OpenAPI document is made
// from this list, and tests/api/openapi.test.ts fails when a route of the app is missing from it.
import type { ApiRoute } from './http/api-route';
import { schoolApi } from './schools/schema';
import { instrumentApi } from './surveys/schema';
import { systemApi } from './system/schema';

export const apiRoutes: ApiRoute[] = [systemApi, schoolApi, instrumentApi].flatMap((component) => Object.values(component));
