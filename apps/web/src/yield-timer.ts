// Lets the worker's event loop run (so a 'stop' message arrives) without paying a setTimeout per
// epoch: a browser clamps setTimeout(0) to 1-4 ms, more than a fused epoch takes.
const YIELD_EVERY_MS = 50;

/** A function to await after each epoch: it yields to the event loop once per 50 ms of work. */
export function yieldTimer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_EVERY_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
