#!/usr/bin/env node
import { main } from './main.js';

// A reader that stops early (`rnnkit train | head`) closes the pipe: the work goes on and its folder
// is still written; only the rest of the printout is dropped, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
process.exitCode = await main(process.argv.slice(2));
// The command is done and its files are written: a signal while Node winds down (its handlers are
// gone) ends the process with the command's own exit code, not as killed by the signal.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit());
