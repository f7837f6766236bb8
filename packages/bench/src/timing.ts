/**
 * Times `epoch` like a benchmark should: a warm-up of about `budgetMs` (JIT compilers need it),
 * then `runs` timed runs of enough epochs to last about `budgetMs` each; returns the ms per epoch
 * of each run.
 */
export async function timeEpochs(epoch: (count: number) => Promise<void>, runs = 5, budgetMs = 400): Promise<number[]> {
  let t = performance.now();
  let warm = 0;
  while (performance.now() - t < budgetMs && warm < 200) {
    await epoch(1);
    warm++;
  }
  t = performance.now();
  await epoch(2);
  const estimate = Math.max((performance.now() - t) / 2, 0.05);
  const epochs = Math.max(1, Math.min(200, Math.round(budgetMs / estimate)));
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    await epoch(epochs);
    out.push((performance.now() - t) / epochs);
  }
  return out;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
