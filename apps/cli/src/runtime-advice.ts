// What to tell a user whose runtime refused a file: only advice that was tried and works. The other
// runtimes are run on the same inputs (each within its limits), and the first that runs the file is
// named; when none does, the fix depends on why (a limit reached, or ops no runtime has).
import { RUNTIMES, RuntimeRefusal, runOn, type HostTensor, type RunLimits, type RuntimeName } from './onnx-runtimes.js';

/** True for a refusal that is a limit being reached (step budget, time limit), not a missing op. */
export function isLimit(reason: string): boolean {
  return /stopped after .*(loop iterations|the time limit)|did not finish within|of memory and was stopped|would hold more than .* MB/.test(reason);
}

/** The fix for a file that no runtime ran, by the reasons they gave. */
export function fixForNoRuntime(reasons: string[]): string {
  if (reasons.length > 0 && reasons.every(isLimit)) return 'its loops run past every limit: if they are meant to, raise --max-steps N and --timeout S; otherwise the file loops without end';
  if (reasons.some(isLimit)) return 'the runtimes that have its ops stopped at a limit: if its loops are meant to run that long, raise --max-steps N and --timeout S';
  return 'no runtime here has all its ops (rnnkit inspect lists them): re-export it with the ops of opset 22 or older';
}

/**
 * Tries the runtimes other than `failed` on the feeds; returns the advice for a DataError's fix and
 * the other runtimes' refusals (for the message).
 */
export async function adviceAfterRefusal(failed: RuntimeName, reason: string, modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>, limits: RunLimits): Promise<{ fix: string; others: string[] }> {
  const others: string[] = [];
  for (const runtime of RUNTIMES.filter((r) => r !== failed)) {
    try {
      await runOn(runtime, modelPath, bytes, feeds, limits);
      return { fix: `${runtime} runs it: pass --runtime ${runtime}`, others };
    } catch (err) {
      if (!(err instanceof RuntimeRefusal)) throw err;
      others.push(`${runtime}: ${err.message}`);
    }
  }
  return { fix: fixForNoRuntime([reason, ...others.map((o) => o.slice(o.indexOf(': ') + 2))]), others };
}
