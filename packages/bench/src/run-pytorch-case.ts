import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from './config.js';
import { tutorialWindows } from './data.js';
import { startServer, type CaseServer } from './server.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../pytorch_bench.py', import.meta.url));
const dataFiles = new Map<number, string>(); // window length → the windows file

/** True when Debian's python3 can import torch. */
export function pytorchAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** PyTorch's version, as python3 imports it. */
export function pytorchVersion(): string {
  return execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)']).toString().trim();
}

/** One case in PyTorch (c.threads threads) on the same windows, as a timing server in its own python process. */
export async function startPytorchCase(c: Case): Promise<CaseServer> {
  let dataFile = dataFiles.get(c.seq);
  if (!dataFile) {
    const { x, y } = await tutorialWindows(c.seq);
    dataFile = join(mkdtempSync(join(tmpdir(), 'rnnkit-bench-')), `windows-${c.seq}.f32`);
    writeFileSync(dataFile, Buffer.concat([Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y.buffer, y.byteOffset, y.byteLength)]));
    dataFiles.set(c.seq, dataFile);
  }
  // torch.set_num_threads bounds PyTorch's own pool, not the BLAS library's: Debian's torch calls a
  // generic BLAS (OpenBLAS) whose threads take every core, so "one thread" ran its products on two
  // (50 ms of CPU in 25 ms at LSTM hidden 128, against 30 in 30 on one). Its thread variables say c.threads.
  const n = String(c.threads);
  return startServer(PYTHON, [SCRIPT, JSON.stringify(c), dataFile], { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n });
}
