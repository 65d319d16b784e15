// The built-in instruments (surveys/*.json), compiled once per test file. Kept apart from the app so
// that a unit test reading them does not load the whole server.
import path from 'node:path';
import { readInstrumentFiles } from '../../server/surveys/files';

export const builtinInstruments = readInstrumentFiles(path.join(__dirname, '../../surveys'));
