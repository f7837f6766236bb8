#!/usr/bin/env node
import { main } from './main.js';
import { exitWith, installSignalHandling } from './signals.js';

// A reader that stops early (`rnnkit train | head`) closes the pipe: the work goes on and its folder
// is still written; only the rest of the printout is dropped, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
installSignalHandling();
await exitWith(await main(process.argv.slice(2)));
