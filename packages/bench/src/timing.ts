import { createInterface } from 'node:readline';

// Every case runs in its own process as a small timing server, so that the parent can interleave
// the implementations run by run (A B A B …) and pair each rnnkit run with the PyTorch run next to
// it in time: on a machine shared with other work, the ratio of neighbours is far steadier than
// the ratio of two medians taken minutes apart. Protocol, one JSON line each way:
//   child → {"ready": true, "estimateMs": …}   after a warm-up of about WARM_UP_MS (JIT compilers need it)
//   parent → {"epochs": n}                      child → {"ms": …, "cpuMs": …}  (wall and process CPU ms per epoch of n epochs)
//   parent → {"quit": true}                     child → {"peakRssMb": …} and exits
// pytorch_bench.py speaks the same protocol.

export const WARM_UP_MS = 400;

/** Serves timed runs of `epoch` on stdin/stdout until told to quit. */
export async function serveRuns(epoch: (count: number) => Promise<void>): Promise<void> {
  let t = performance.now();
  let warm = 0;
  while (performance.now() - t < WARM_UP_MS && warm < 200) {
    await epoch(1);
    warm++;
  }
  t = performance.now();
  await epoch(2);
  const send = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
  send({ ready: true, estimateMs: Math.max((performance.now() - t) / 2, 0.01) });
  for await (const line of createInterface({ input: process.stdin })) {
    const msg = JSON.parse(line) as { epochs?: number; quit?: boolean };
    if (msg.quit) break;
    const n = msg.epochs ?? 1;
    t = performance.now();
    const cpu = process.cpuUsage();
    await epoch(n);
    const { user, system } = process.cpuUsage(cpu);
    send({ ms: (performance.now() - t) / n, cpuMs: (user + system) / 1e3 / n });
  }
  send({ peakRssMb: process.resourceUsage().maxRSS / 1024 });
  process.exit(0);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
