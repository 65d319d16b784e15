// The built-in instruments (surveys/*.json), compiled once per test file. Kept apart from the app so
// that a unit test reading them does not load the whole server. Read without survey-core's own
// reading of each file (most of the cost, paid again by every test file importing this):
// tests/unit/definitions.test.ts reads them with every check, as start-up does.
import path from 'node:path';
import { readInstrumentFiles } from '../../server/surveys/files';

export const builtinInstruments = readInstrumentFiles(path.join(__dirname, '../../surveys'), { bothLanguages: true, stored: true });
