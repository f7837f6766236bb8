// A trial process of the pool: runs the trials it is sent, one at a time.
import { runTrial, type TrialJob } from './trial.js';

// Ctrl-C reaches the whole process group: the parent decides (it lets running trials finish).
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
// A parent that is gone (SIGKILL) leaves nobody to report to: stop rather than run on as an orphan.
process.on('disconnect', () => process.exit(0));

process.on('message', (job: TrialJob) => {
  runTrial(job).then(
    (line) => process.send!({ line }),
    (err: unknown) => process.send!({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});
