// A second thread for large work: the same module instantiated in a worker on the same shared
// memory, woken through a small shared control block (Atomics), given part of the rows of a product
// (of C) or of a cell's step (windows). Splitting rows changes no sum, so results are bit-identical to
// one thread. Started on the first product large enough to split (small models never start it):
// synchronously where the runtime allows, and products run on one thread until the worker reports
// ready. Node: worker_threads; browsers: a Worker from a Blob (only where SharedArrayBuffer is
// allowed, i.e. cross-origin isolated pages).

/**
 * The control block, Int32 slots: job sequence, the last job done, its error flag, the function (an
 * index into HELPER_FUNCTIONS) and its arguments (up to 11), the helper's scratch, and 1 once the
 * worker runs (read without the main thread's event loop, which a training loop may not yield to).
 */
const SEQ = 0, DONE = 1, FAILED = 2, FN = 3, ARGS = 4, SCRATCH = ARGS + 11, SCRATCH_END = SCRATCH + 1, READY = SCRATCH_END + 1, SLOTS = READY + 1;
const STOP = -1;

/** The module's functions a helper runs on its part of the rows: the product, the cells' steps, the row copy. */
export const HELPER_FUNCTIONS = ['gemm_s', 'lstm_step', 'gru_step', 'lstm_bwd', 'gru_bwd', 'rnn_bwd', 'tanh_block', 'copy_rows'] as const;
export type HelperFunction = (typeof HELPER_FUNCTIONS)[number];
/** The job that runs the queued program (see postProgram) instead of one function. */
const PROGRAM = HELPER_FUNCTIONS.length;
/** A queued call: its function's index in HELPER_FUNCTIONS, then its arguments (up to 11). */
const JOB = 12;
/** Calls a program holds: a recurrence's 3 calls a step for 60 steps take 180. */
export const PROGRAM_JOBS = 4096;

// The worker's whole program (plain JavaScript: it runs from a string in Node and from a Blob in browsers).
const WORKER_SOURCE = `
const node = typeof require === 'function' && typeof self === 'undefined';
const port = node ? require('node:worker_threads').parentPort : self;
const listen = (f) => (node ? port.once('message', f) : (self.onmessage = (e) => f(e.data)));
listen(({ module, memory, control, program }) => {
  const x = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const fns = ${JSON.stringify(HELPER_FUNCTIONS)}.map((name) => x[name]);
  const c = new Int32Array(control), p = new Int32Array(program);
  Atomics.store(c, ${READY}, 1);
  port.postMessage('ready');
  let seen = 0;
  for (;;) {
    // a spin of about 0.1 ms before blocking: the next product of a step follows the cell's work on
    // the main thread, and a blocked thread takes tens of microseconds to wake
    for (let spin = 0; spin < 50000 && Atomics.load(c, ${SEQ}) === seen; spin++);
    // a wake-up is not a job: the main thread's notify for the job just done can come late (it
    // stores the job's number, then notifies, and may be descheduled between the two), and running
    // that job again would add an accumulating product's rows twice
    while (Atomics.load(c, ${SEQ}) === seen) Atomics.wait(c, ${SEQ}, seen);
    seen = Atomics.load(c, ${SEQ});
    if (seen === ${STOP}) return;
    let failed = 0;
    try {
      x.scratch.value = c[${SCRATCH}];
      x.scratch_end.value = c[${SCRATCH_END}];
      if (c[${FN}] === ${PROGRAM}) {
        // the queued calls in order: one hand-over for a whole recurrence over the helper's rows
        for (let j = 0, n = c[${ARGS}]; j < n; j++) {
          const o = 1 + j * ${JOB};
          fns[p[o - 1]](${Array.from({ length: 11 }, (_, i) => `p[o + ${i}]`).join(', ')});
        }
      } else fns[c[${FN}]](${Array.from({ length: 11 }, (_, i) => `c[${ARGS + i}]`).join(', ')});
    } catch {
      failed = 1;
    }
    Atomics.store(c, ${FAILED}, failed);
    Atomics.store(c, ${DONE}, seen);
    Atomics.notify(c, ${DONE});
  }
});
`;

type WorkerLike = { postMessage(m: unknown): void; terminate(): unknown };
type Spawn = (always: boolean, onReady: () => void, onError: () => void) => WorkerLike | null;

// Node's worker_threads and os, imported as soon as a helper may be wanted: the Worker itself is
// then created synchronously on the first large product (a training loop may not yield to the event
// loop, where an import would resolve, for its whole run).
let nodeSpawn: Promise<Spawn> | undefined;
function loadNodeSpawn(): Promise<Spawn> {
  return (nodeSpawn ??= Promise.all([import('node:worker_threads'), import('node:os')]).then(([{ Worker, isMainThread }, { availableParallelism }]) => (always, onReady, onError) => {
    if (availableParallelism() < 2) return null; // one core: a helper would only take turns with the main thread
    if (!isMainThread && !always) return null; // inside a pool's worker ('auto'): the pool already uses the cores
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref(); // never keeps the process alive
    w.once('message', onReady);
    w.once('error', onError);
    w.once('exit', onError);
    return w;
  }));
}

/** A browser's Worker from a Blob, or null without one. */
const browserSpawn: Spawn = (_always, onReady, onError) => {
  const g = globalThis as { Worker?: new (url: string) => WorkerLike & { onmessage: unknown; onerror: unknown } };
  if (!g.Worker || typeof URL.createObjectURL !== 'function') return null;
  const w = new g.Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' })));
  w.onmessage = onReady;
  w.onerror = onError;
  return w;
};

/** True in Node (where worker_threads serve), false in browsers. */
export const isNode = (): boolean => Boolean((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node);

/** The helper thread of one Kernels instance: `start` once, then `post` work and `wait` for it while `ready`. */
export class HelperThread {
  private readonly control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private readonly program = new Int32Array(new SharedArrayBuffer(PROGRAM_JOBS * JOB * 4));
  private worker: WorkerLike | null = null;
  private starting: Promise<boolean> | undefined;
  private seq = 0;
  private canBlock = true; // Atomics.wait throws on a browser's main thread: spin there
  private failed = false;
  private spawn: Spawn | undefined; // Node's, once its modules are imported

  /** True once the worker runs the module: products split from then on. */
  get ready(): boolean {
    return !this.failed && Atomics.load(this.control, READY) === 1;
  }

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    private readonly always: boolean,
  ) {
    if (isNode()) loadNodeSpawn().then((spawn) => (this.spawn = spawn), () => undefined);
  }

  /**
   * Starts the worker (once; synchronously where it can, so that the products right after split);
   * resolves when it runs the module (`ready`), or to false where none can run.
   */
  start(): Promise<boolean> {
    if (this.starting) return this.starting;
    let resolve!: (ok: boolean) => void;
    this.starting = new Promise<boolean>((r) => (resolve = r));
    const failed = () => {
      this.failed = true;
      this.worker = null;
      resolve(false);
    };
    const launch = (spawn: Spawn) => {
      try {
        const w = spawn(this.always, () => resolve(this.ready), failed);
        if (!w) return resolve(false);
        this.worker = w;
        w.postMessage({ module: this.module, memory: this.memory, control: this.control.buffer, program: this.program.buffer });
      } catch {
        failed();
      }
    };
    if (!isNode()) launch(browserSpawn);
    else if (this.spawn) launch(this.spawn);
    else loadNodeSpawn().then(launch, failed);
    return this.starting;
  }

  /** Hands a function and its arguments (and the scratch space the helper may pack in) to the worker. */
  post(fn: HelperFunction, args: readonly number[], scratch = 0, scratchEnd = 0): void {
    this.hand(HELPER_FUNCTIONS.indexOf(fn), args, scratch, scratchEnd);
  }

  /**
   * Hands a program to the worker: `jobs` (at most PROGRAM_JOBS) run one after another, each its
   * function's index in HELPER_FUNCTIONS followed by its arguments, as one job (wait for it as for post's).
   */
  postProgram(jobs: readonly (readonly number[])[], scratch: number, scratchEnd: number): void {
    if (jobs.length > PROGRAM_JOBS) throw new RangeError(`a helper program holds at most ${PROGRAM_JOBS} calls, not ${jobs.length}`);
    const p = this.program;
    jobs.forEach((job, j) => {
      for (let i = 0; i < JOB; i++) p[j * JOB + i] = job[i] ?? 0;
    });
    this.hand(PROGRAM, [jobs.length], scratch, scratchEnd);
  }

  /** Writes a job (a function index, its arguments, the helper's scratch) into the control block and wakes the worker. */
  private hand(fn: number, args: readonly number[], scratch: number, scratchEnd: number): void {
    const c = this.control;
    c[FN] = fn;
    for (let i = 0; i < 11; i++) c[ARGS + i] = args[i] ?? 0;
    c[SCRATCH] = scratch;
    c[SCRATCH_END] = scratchEnd;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
  }

  /** True when the posted product is done (without waiting). */
  done(): boolean {
    return Atomics.load(this.control, DONE) === this.seq;
  }

  /** Waits for the posted product; false when the worker failed it (the caller then computes it). */
  wait(): boolean {
    const c = this.control;
    for (let spin = 0; spin < 200000; spin++) if (this.done()) return Atomics.load(c, FAILED) === 0;
    const since = Date.now();
    for (let done = Atomics.load(c, DONE); done !== this.seq; done = Atomics.load(c, DONE)) {
      if (this.canBlock) {
        try {
          Atomics.wait(c, DONE, done, 100);
        } catch {
          this.canBlock = false;
        }
      }
      // a worker that died without a word (killed from outside): after 60 s of nothing, do without it
      if (Date.now() - since > 60_000) {
        this.stop();
        return false;
      }
    }
    return Atomics.load(c, FAILED) === 0;
  }

  /** Ends the worker. */
  stop(): void {
    this.failed = true;
    Atomics.store(this.control, SEQ, STOP);
    Atomics.notify(this.control, SEQ);
    this.worker?.terminate();
    this.worker = null;
  }
}
