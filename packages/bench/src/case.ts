// Child process entry: `node dist/case.js '<case JSON>'` prints one Result as JSON.
import type { Case, Result } from './config.js';
import { runTfjsCase } from './run-tfjs-case.js';
import { median } from './timing.js';

const c = JSON.parse(process.argv[2] ?? '{}') as Case;
const runs = await runTfjsCase(c);
const result: Result = { ...c, msPerEpoch: median(runs), peakRssMb: process.resourceUsage().maxRSS / 1024, runs };
process.stdout.write(`${JSON.stringify(result)}\n`);
