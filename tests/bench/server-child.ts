// A server under load, alone in its own process so autocannon (in the parent) never shares its
// event loop: "--mode echo" is a bare Express 5 echo, "--mode mera" the real app on a demo store.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { allCollections } from '../../server/collections';
import { testConfig } from '../../server/config';
import { responsesCollection } from '../../server/responses/data';
import { openStore, type Store } from '../../server/store';
import { getInstrument, registerBuiltinInstruments } from '../../server/surveys/catalogue';
import { readInstrumentFiles } from '../../server/surveys/files';
import { seedDemo } from '../../seeds/demo';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { argument, failInChild, Message } from './child';

/** The route both servers answer, so the echo pays the same routing as Mera does. */
const route = '/api/links/:token/responses';

interface Running {
  server: Server;
  ready: Message;
  store?: Store;
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function startEcho(): Promise<Running> {
  const app = express();
  app.use(express.json());
  app.post(route, (req, res) => {
    res.json(req.body);
  });
  const server = await listen(app);
  return { server, ready: { type: 'ready', port: portOf(server) } };
}

/** Logs the first few server errors only: a failing run must not flood the terminal. */
function limitedLog(limit = 3): (message: string, err?: unknown) => void {
  let seen = 0;
  return (message, err) => {
    if (++seen <= limit) console.error(`[mera] ${message}`, err ?? '');
    else if (seen === limit + 1) console.error('[mera] further errors are not shown');
  };
}

async function startMera(dataDir: string): Promise<Running> {
  const config = testConfig({ dataDir, host: '127.0.0.1', port: 0 });
  const store = await openStore(config.storage, config.dataDir, allCollections);
  await registerBuiltinInstruments(store, readInstrumentFiles(config.surveysDir));
  await seedDemo(store, { timeZone: config.timeZone });
  const compiled = await getInstrument(store, 'parent-survey');
  const answers = syntheticAnswers(compiled.questions, seededRandom(1), 0.7);
  const server = await listen(createApp({ config, store, log: limitedLog() }));
  return { server, store, ready: { type: 'ready', port: portOf(server), answers } };
}

async function stop({ server, store }: Running): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store?.close();
  process.exit(0);
}

async function main() {
  const mode = argument('mode');
  const running = mode === 'mera' ? await startMera(argument('data-dir')) : await startEcho();
  process.on('message', (m: Message) => {
    // CPU time of the whole process (every thread: the garbage collector's too), in microseconds.
    if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ type: 'cpu', micros: user + system });
    }
    if (m.type === 'stop') void stop(running).catch(failInChild);
    if (m.type === 'count' && running.store) {
      running.store
        .collection(responsesCollection)
        .countDocuments({})
        .then((value) => process.send!({ type: 'count', value }))
        .catch(failInChild);
    }
  });
  // The parent going away (Ctrl-C, a crash) must not leave a server behind.
  process.on('disconnect', () => void stop(running));
  process.send!(running.ready);
}

main().catch(failInChild);
