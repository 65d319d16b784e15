// Stopping Mera (SIGTERM) while a respondent is sending answers: the real server in its own
// process (server/main.ts through tsx), the real embedded store in a temp dir. The submission in
// flight is answered 201 and stored; idle keep-alive connections do not hold the stop up; a
// request that never ends is cut when the grace period is over.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { responsesCollection } from '../../server/responses/data';
import { openStore } from '../../server/store';
import { validParentAnswers } from '../support/answers';
import { rawRequest } from '../support/raw-http';
import { useTempDir } from '../support/temp-dir';

const root = path.join(__dirname, '../..');
const dataDir = useTempDir('mera-shutdown-');

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts server/main.ts on a free port with the demo seeded; resolves once it listens. */
async function startServer(graceMs: number): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      MERA_DATA_DIR: dataDir(),
      MERA_SEED_DEMO: 'true',
      MERA_SHUTDOWN_GRACE_MS: String(graceMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', check);
    exited.then((code) => reject(new Error(`Mera exited (${code}) before listening:\n${output}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function demoToken(baseUrl: string, instrumentId: string): Promise<string> {
  const demo = await rawRequest(baseUrl, { method: 'GET', path: '/api/demo' });
  const campaign = demo.body.campaigns.find(
    (c: { instrumentId: string; status: string }) => c.instrumentId === instrumentId && c.status === 'open',
  );
  return campaign.links[0].path.replace('/s/', '');
}

/** Resolves once the child has printed `text`. */
function waitForOutput(running: Running, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (running.output().includes(text)) {
        running.child.stdout!.off('data', check);
        resolve();
      }
    };
    running.child.stdout!.on('data', check);
    check();
  });
}

/** Starts a POST whose body is sent in two halves; `finish()` sends the rest and resolves with the answer. */
function halfSentSubmission(baseUrl: string, token: string, body: Buffer) {
  let settle!: (value: { status: number; text: string } | Error) => void;
  const answer = new Promise<{ status: number; text: string } | Error>((resolve) => (settle = resolve));
  const req = http.request(
    new URL(`/api/links/${token}/responses`, baseUrl),
    {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    },
    (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => settle({ status: res.statusCode ?? 0, text }));
      res.on('error', settle);
    },
  );
  req.on('error', settle);
  const half = Math.floor(body.length / 2);
  req.write(body.subarray(0, half));
  return {
    answer,
    finish: () => {
      req.end(body.subarray(half));
      return answer;
    },
  };
}

test('on SIGTERM a submission being sent is answered 201 and stored, idle connections close at once, new ones are refused, and a request that never ends is cut when the grace period is over', async () => {
  // One server for every part: starting one takes seconds on a busy machine.
  // The grace period must outlast the submission on a busy machine and end the stuck request.
  const running = await startServer(8_000);
  const token = await demoToken(running.baseUrl, 'parent-survey');
  // One submission first, so the one under test does not also pay the first call's costs.
  const warmUp = await rawRequest(running.baseUrl, {
    path: `/api/links/${token}/responses`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: validParentAnswers() }),
  });
  expect(warmUp.status).toBe(201);
  const answers = { ...validParentAnswers(), suggestions: 'Отправлено во время остановки' };
  const submission = halfSentSubmission(running.baseUrl, token, Buffer.from(JSON.stringify({ answers })));
  const stuck = halfSentSubmission(running.baseUrl, token, Buffer.from(JSON.stringify({ answers: validParentAnswers() })));
  // An idle keep-alive connection, as a browser keeps one: it must be closed without waiting for the grace period.
  const events: string[] = [];
  const keepAlive = new http.Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    http
      .get(new URL('/api/health', running.baseUrl), { agent: keepAlive }, (res) => {
        res.socket.once('close', () => events.push('idle connection closed'));
        res.resume().on('end', resolve);
      })
      .on('error', reject);
  });
  // Let the half bodies reach the server before the signal.
  await new Promise((resolve) => setTimeout(resolve, 300));

  running.child.kill('SIGTERM');
  await waitForOutput(running, 'SIGTERM: stopping Mera');
  await expect(rawRequest(running.baseUrl, { method: 'GET', path: '/api/health' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(await submission.finish()).toMatchObject({ status: 201 });
  void stuck.answer.then(() => events.push('unfinished request cut'));

  expect(await running.exited).toBe(0);
  expect(running.output()).toContain('were cut');
  expect(await stuck.answer).toMatchObject({ code: 'ECONNRESET' });
  expect(events).toEqual(['idle connection closed', 'unfinished request cut']);
  keepAlive.destroy();

  const store = await openStore({ engine: 'embedded' }, dataDir(), allCollections);
  try {
    expect(await store.collection(responsesCollection).countDocuments({ 'answers.suggestions': answers.suggestions })).toBe(1);
  } finally {
    await store.close();
  }
});
