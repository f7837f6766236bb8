// onnxruntime-node and onnxruntime-web run a file in a child Node process with a time limit: a
// Loop that never ends (or a native crash) inside onnxruntime cannot be interrupted in-process,
// but a child can be killed. The child loads the runtime, runs once, sends the outputs back over
// IPC and exits.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The memory a child may hold (resident), checked every 100 ms where /proc tells it (Linux). */
export const CHILD_MEMORY_LIMIT_BYTES = 2 * 2 ** 30;

/** A process's resident memory in bytes from /proc, or null where there is no /proc. */
function residentBytes(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return null;
  }
}

/** A tensor as sent to and from the child: onnxruntime's type name, dims and values. */
export interface WireTensor {
  type: string;
  dims: number[];
  data: ArrayLike<number>;
}

/** What the child is asked to run. */
export interface ChildJob {
  runtime: 'onnxruntime-node' | 'onnxruntime-web';
  /** The resolved entry file of the runtime's package. */
  modulePath: string;
  /** onnxruntime-node opens the file itself (external data beside it is found); web gets the bytes. */
  modelPath: string;
  bytes: Uint8Array;
  feeds: Record<string, WireTensor>;
  /** Only create the session (does the runtime load the file?), run nothing. */
  loadOnly?: boolean;
}

/** The child's answer. */
export type ChildResult = { outputs: Record<string, WireTensor>; version: string } | { error: string };

// CommonJS, run by `node -e`: one message in, one message out.
const CHILD_SOURCE = String.raw`
process.once('message', async (job) => {
  const reply = (m) => process.send(m, () => process.exit(0));
  try {
    let ort;
    if (job.runtime === 'onnxruntime-node') ort = require(job.modulePath);
    else {
      ort = await import(require('node:url').pathToFileURL(job.modulePath).href);
      ort.env.wasm.numThreads = 1;
    }
    const options = job.runtime === 'onnxruntime-node' ? { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 } : { executionProviders: ['wasm'], logSeverityLevel: 4 };
    const session = await ort.InferenceSession.create(job.runtime === 'onnxruntime-node' ? job.modelPath : job.bytes, options);
    if (job.loadOnly) {
      await session.release();
      return reply({ outputs: {}, version: job.runtime });
    }
    const arrays = { float32: Float32Array, float64: Float64Array, int32: Int32Array, int8: Int8Array, uint8: Uint8Array, bool: Uint8Array };
    const feeds = {};
    for (const [name, t] of Object.entries(job.feeds)) {
      const data = t.type === 'int64' ? BigInt64Array.from(Array.from(t.data, (v) => BigInt(v))) : arrays[t.type].from(t.data);
      feeds[name] = new ort.Tensor(t.type, data, t.dims);
    }
    // Run options too: onnxruntime-web's kernels otherwise print their failures to stderr themselves.
    const out = await session.run(feeds, { logSeverityLevel: 4 });
    const outputs = {};
    for (const name of session.outputNames) {
      const t = out[name];
      outputs[name] = { type: t.type, dims: Array.from(t.dims), data: Array.from(t.data, Number) };
    }
    const v = ort.env.versions || {};
    await session.release();
    reply({ outputs, version: (job.runtime + ' ' + (v.node || v.web || v.common || '')).trim() });
  } catch (err) {
    reply({ error: String((err && err.message) || err) });
  }
});
`;

/**
 * Runs the job in a child process; resolves with its outputs or its error message, or with a
 * `timedOut` / `crashed` note when the child had to be killed or died.
 */
export function runInChild(job: ChildJob, timeoutMs: number): Promise<ChildResult | { timedOut: true } | { crashed: string } | { tooMuchMemory: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    let done = false;
    const finish = (result: ChildResult | { timedOut: true } | { crashed: string } | { tooMuchMemory: number }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(watch);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    // A loop that grows its outputs without end would take the machine's memory before the time limit.
    const watch = setInterval(() => {
      const bytes = child.pid === undefined ? null : residentBytes(child.pid);
      if (bytes !== null && bytes > CHILD_MEMORY_LIMIT_BYTES) finish({ tooMuchMemory: CHILD_MEMORY_LIMIT_BYTES });
    }, 100);
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('message', (m) => finish(m as ChildResult));
    child.on('error', (err) => finish({ crashed: err.message }));
    // 'close' comes after the IPC channel has delivered the child's last message.
    child.on('close', (code, signal) => finish({ crashed: `${signal ? `killed by ${signal}` : `exit code ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-1)[0]}` : ''}` }));
    child.send(job);
  });
}
