// Child processes for the benchmarks: forked with the parent's tsx loader, talking over IPC.
// Every wait is bounded, so a stuck child ends the run with a message instead of hanging it.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** Every IPC message the benchmark children send or receive has a type. */
export interface Message {
  type: string;
  [key: string]: unknown;
}

export class Child {
  private readonly proc: ChildProcess;
  private readonly inbox: Message[] = [];
  private waiting: (() => void) | undefined;
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  /** Forks tests/bench/<script> with the given arguments and extra node flags (the tsx loader is inherited). */
  constructor(
    readonly script: string,
    args: string[],
    nodeFlags: string[] = [],
  ) {
    this.proc = fork(path.join(__dirname, script), args, {
      execArgv: [...process.execArgv, ...nodeFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // A failed send (the child already gone) arrives here; report it like a child's own error.
    this.proc.on('error', (err) => {
      this.inbox.push({ type: 'error', message: err.message });
      this.waiting?.();
    });
    this.proc.on('message', (m) => {
      this.inbox.push(m as Message);
      this.waiting?.();
    });
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code) => {
        this.exitCode = code;
        this.waiting?.();
        resolve();
      }),
    );
  }

  /** The next message of the given type; rejects when the child exits first or the time runs out. */
  async next<T extends Message>(type: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as T;
      const failed = this.inbox.find((m) => m.type === 'error');
      if (failed) throw new Error(`${this.script}: ${String(failed.message)}`);
      if (this.exitCode !== undefined) throw new Error(`${this.script} exited (code ${this.exitCode}) before sending "${type}"`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.script}: no "${type}" message within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }

  /** Sends a request and waits for the reply of the same type. */
  async ask<T extends Message>(type: string, timeoutMs: number): Promise<T> {
    this.proc.send({ type });
    return this.next<T>(type, timeoutMs);
  }

  /** Asks the child to stop cleanly; kills it (by its own pid) if it has not gone within a few seconds. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    // The child may be exiting on its own already: a failed send is no news then.
    if (this.proc.connected) this.proc.send({ type: 'stop' }, () => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** For child scripts: reports a failure to the parent (which throws it) and exits. */
export function failInChild(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  if (!process.send) {
    console.error(message);
    process.exit(1);
  }
  process.send({ type: 'error', message }, () => process.exit(1));
}

/** For child scripts: the value of --name in argv. */
export function argument(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
}
