import { Worker } from 'node:worker_threads';
import type { TrialJob, TrialLine } from './trial.js';

interface Task {
  job: TrialJob;
  resolve: (line: TrialLine) => void;
  reject: (err: Error) => void;
}

/**
 * N worker threads, one trial per thread at a time (a trial is CPU-bound and single-threaded, so
 * N threads keep N cores busy and leave the main thread free for I/O, signals and queue locks).
 */
export class TrialPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Runs a trial on the next free thread. */
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
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(new URL('./trial-thread.js', import.meta.url));
    worker.on('message', (msg: { line?: TrialLine; error?: string }) => {
      const task = this.busy.get(worker)!;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (msg.line) task.resolve(msg.line);
      else task.reject(new Error(msg.error));
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash in native code) fails its trial and is replaced.
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
    worker.on('exit', (code) => !this.closed && lost(new Error(`trial thread exited with code ${code}`)));
    this.idle.push(worker);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage(task.job);
    }
  }
}
