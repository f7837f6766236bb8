import { fork, type ChildProcess } from 'node:child_process';
import type { TrialJob, TrialLine } from './trial.js';

interface Task {
  job: TrialJob;
  resolve: (line: TrialLine) => void;
  reject: (err: Error) => void;
}

/**
 * N trial processes, one trial each at a time (a trial is CPU-bound and single-threaded, so N of
 * them keep N cores busy and leave the main thread free for I/O, signals and queue locks).
 * Processes rather than worker threads: V8's garbage collector runs helper threads beside a busy
 * thread (a trial thread kept ~1.3 cores busy), so two trial threads fought over two cores.
 * Each process runs with --single-threaded-gc and so uses one core.
 */
type Worker = ChildProcess;
export class TrialPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Runs a trial on the next free process. */
  run(job: TrialJob): Promise<TrialLine> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Trials running or waiting. */
  get pending(): number {
    return this.busy.size + this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of [...this.idle, ...this.busy.keys()]) w.kill('SIGKILL');
  }

  private spawn(): void {
    const worker = fork(new URL('./trial-process.js', import.meta.url), [], { execArgv: ['--single-threaded-gc'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    worker.on('message', (msg: { line?: TrialLine; error?: string }) => {
      const task = this.busy.get(worker)!;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (msg.line) task.resolve(msg.line);
      else task.reject(new Error(msg.error));
      this.dispatch();
    });
    // A process that dies (out of memory, a crash in native code) fails its trial and is replaced.
    let dead = false;
    const lost = (err: Error) => {
      if (dead) return; // 'error' and 'exit' both come for one crash
      dead = true;
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      task?.reject(err);
      if (!this.closed) {
        this.spawn();
        this.dispatch();
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code, signal) => !this.closed && lost(new Error(`trial process exited with ${signal ?? `code ${code}`}`)));
    this.idle.push(worker);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.send(task.job);
    }
  }
}
