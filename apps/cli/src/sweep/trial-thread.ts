// A worker thread of the trial pool: runs the trials it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { runTrial, type TrialJob } from './trial.js';

parentPort!.on('message', (job: TrialJob) => {
  runTrial(job).then(
    (line) => parentPort!.postMessage({ line }),
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});
