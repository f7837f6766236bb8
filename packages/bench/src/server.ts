import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A case's timing server in a child process (protocol: timing.ts). */
export interface CaseServer {
  /** ms per epoch estimated after the warm-up. */
  estimateMs: number;
  /** Wall and process-CPU ms per epoch of `epochs` epochs. */
  run(epochs: number): Promise<{ ms: number; cpuMs: number }>;
  /** Stops the child; resolves to its peak RSS in MB. */
  quit(): Promise<number>;
}

/** Starts `command args` and waits for its warm-up to end. */
export async function startServer(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CaseServer> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${command} ${args[0]} exited with ${code}`))));
  exited.catch(() => {}); // only an error while a reply is awaited
  const next = async (): Promise<Record<string, number>> => {
    const r = await Promise.race([lines.next(), exited]);
    if (r.done) throw new Error(`${command} ${args[0]} closed its output`);
    return JSON.parse(r.value) as Record<string, number>;
  };
  const send = (o: object) => child.stdin.write(`${JSON.stringify(o)}\n`);
  const { estimateMs } = await next();
  return {
    estimateMs: estimateMs!,
    async run(epochs) {
      send({ epochs });
      const r = await next();
      return { ms: r.ms!, cpuMs: r.cpuMs! };
    },
    async quit() {
      send({ quit: true });
      const { peakRssMb } = await next();
      return peakRssMb!;
    },
  };
}
