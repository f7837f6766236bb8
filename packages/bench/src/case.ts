// Child process entry: `node dist/case.js '<case JSON>'` runs one rnnkit or tf.layers case as a
// timing server (see timing.ts for the protocol), so that the parent can interleave its runs with
// those of the other implementations.
import type { Case } from './config.js';
import { prepareTfjsCase } from './run-tfjs-case.js';
import { serveRuns } from './timing.js';

const c = JSON.parse(process.argv[2] ?? '{}') as Case;
await serveRuns(await prepareTfjsCase(c));
