// The instrument catalogue's routes: what each reads (zod, parsed by validate()) and answers.
import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { respondentTypes } from './instrument';

/** An instrument's id: lower-case letters, digits and -, such as parent-survey. */
export const instrumentId = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'an instrument id such as parent-survey');

/**
 * An upload: a JSON object, checked in full by the catalogue (survey-core and Mera's rules), which
 * lists every problem with its path. Only the envelope's fields are described here.
 */
export const instrumentUpload = z.record(z.string(), z.unknown()).meta({
  description:
    'An instrument { id, respondentType, anonymous, survey, version? }: survey is exactly what SurveyJS Creator exports. Refused as instrument.invalid with every problem listed in details.problems.',
  examples: [{ id: 'parent-survey', respondentType: respondentTypes[1], anonymous: true, survey: { pages: [] } }],
});
export type InstrumentUpload = z.infer<typeof instrumentUpload>;

const instrumentParams = z.object({ id: instrumentId });

export const instrumentApi = {
  list: {
    method: 'get',
    path: '/api/instruments',
    summary: 'The newest version of every instrument, with the list of its versions',
    access: 'public',
    responses: { 200: { description: '{ instruments: [{ id, version, respondentType, anonymous, title, …, versions }] }' } },
  },
  newest: {
    method: 'get',
    path: '/api/instruments/:id',
    summary: "An instrument's newest version",
    access: 'public',
    params: instrumentParams,
    responses: { 200: { description: '{ instrument }' } },
  },
  version: {
    method: 'get',
    path: '/api/instruments/:id/versions/:version',
    summary: 'One version of an instrument',
    access: 'public',
    params: z.object({ id: instrumentId, version: z.coerce.number().int().positive() }),
    responses: { 200: { description: '{ instrument }' } },
  },
  upload: {
    method: 'post',
    path: '/api/instruments',
    summary: 'Adds an uploaded instrument as the next version of its id',
    access: 'administrator',
    body: instrumentUpload,
    bodyCode: 'instrument.invalid',
    responses: {
      201: {
        description:
          '{ instrument, created: true, ignored }: a new version; ignored lists { path, message } of what the server does not use',
      },
      200: { description: '{ instrument, created: false, ignored }: the same content as the newest version' },
    },
  },
  check: {
    method: 'post',
    path: '/api/instruments/check',
    summary:
      'Checks an upload without keeping it: its problems, what would be ignored, and the instrument as it would be kept (for a preview)',
    access: 'administrator',
    body: instrumentUpload,
    bodyCode: 'instrument.invalid',
    responses: {
      200: {
        description: '{ ok, problems: [{ path, message }], ignored: [{ path, message }], instrument?, contactQuestions?, nextVersion }',
      },
    },
  },
} satisfies Record<string, ApiRoute>;
