// SIGINT and SIGTERM for the whole CLI. Node restores the default action (death by the signal) the
// moment a signal's last listener is removed, and again while it tears down after a natural exit:
// a signal landing in such a gap killed a command that had already finished and written its files
// (`exit null, signal SIGINT`). So the CLI's listeners are installed once, before the command starts,
// never removed, and the process ends by process.exit, which leaves them in place to the end.

export type SignalName = 'SIGINT' | 'SIGTERM';

const listeners = new Set<(name: SignalName) => void>();
let finished = false;

/** Installs the CLI's listeners (bin.ts, before the command runs). */
export function installSignalHandling(): void {
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      // The command is done and its files are written: end with its own exit code.
      if (finished) process.exit();
      // Nothing running can stop gracefully (start-up, or a command without an interrupt step): stop now.
      if (listeners.size === 0) process.exit(130);
      for (const listener of [...listeners]) listener(name);
    });
  }
}

/** Calls `listener` on SIGINT or SIGTERM while the command runs; returns the function that stops it. */
export function onInterrupt(listener: (name: SignalName) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Ends the process with the command's exit code once stdout and stderr have taken what was written. */
export async function exitWith(code: number): Promise<never> {
  finished = true;
  process.exitCode = code;
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write('', () => resolve());
  })));
  process.exit(code);
}
