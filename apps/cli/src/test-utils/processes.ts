// Long-running processes for tests: rnnkit commands followed as they run, and a throwaway redis-server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { BIN } from '../test-utils.js';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const hasRedis = existsSync(REDIS_SERVER);

/** A child process whose output is collected as it comes. */
export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
  /** Resolves when the output matches `re`; rejects after `ms`. */
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
}

const live = new Set<ChildProcess>();

function follow(child: ChildProcess): Running {
  live.add(child);
  let text = '';
  child.stdout?.on('data', (d) => (text += d));
  child.stderr?.on('data', (d) => (text += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => {
    live.delete(child);
    resolve(code ?? (signal === 'SIGKILL' ? 137 : 128));
  }));
  const waitFor = (re: RegExp, ms = 60000) => new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (re.test(text)) resolve(void clearInterval(poll));
      else if (Date.now() - started > ms || child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`gave up waiting for ${re}; output:\n${text}`));
      }
    }, 50);
  });
  return { child, output: () => text, exited, waitFor };
}

/** Starts `rnnkit ...args` in the background. */
export function startRnnkit(args: string[], env: Record<string, string> = {}, cwd?: string): Running {
  return follow(spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } }));
}

/** A free loopback port (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server on a free loopback port, persistence off; `extra` e.g. ['--requirepass', 'pw']. */
export async function startRedis(extra: string[] = []): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const server = follow(spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra]));
  await server.waitFor(/Ready to accept connections/, 10000);
  return { port, stop: () => stop(server) };
}

/** SIGKILLs a process and waits for it to be gone. */
export async function stop(p: Running): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await p.exited;
}

/** Every process started here that is still running (for afterAll). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}
