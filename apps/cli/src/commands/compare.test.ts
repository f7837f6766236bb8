import { describe, expect, it } from 'vitest';
import { rnnkit } from '../test-utils.js';

describe('rnnkit compare', () => {
  it('trains every cell over the seeds and reports them beside the naive forecast', async () => {
    const r = await rnnkit(['compare', '--seeds', '2', '--epochs', '5', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.cells.map((c: { cell: string }) => c.cell)).toEqual(['rnn', 'lstm', 'gru']);
    expect(summary.naive.rmse).toBeCloseTo(823.88, 2);
    for (const c of summary.cells) {
      expect(c.runs.map((run: { seed: number }) => run.seed)).toEqual([0, 1]);
      const rmse = c.runs.map((run: { rmse: number }) => run.rmse).sort((a: number, b: number) => a - b);
      expect(c.rmse).toEqual({ median: (rmse[0] + rmse[1]) / 2, min: rmse[0], max: rmse[1] });
      expect(rmse[0]).not.toBe(rmse[1]); // the seeds really differ
    }
  });

  it('sizes the columns to eight-digit Volume errors, one cell, one seed, one epoch in the singular', async () => {
    const r = await rnnkit(['compare', '--cells', 'rnn', '--seeds', '1', '--epochs', '1', '--target', 'Volume', '--features', 'Open,High,Low,Close,Volume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 cell × 1 seed, 1 epoch sgd /);
    // Every value stands apart: ten columns of the header, ten fields in the row.
    const [head, row] = r.stdout.split('\n').filter((l) => /^(cell|rnn) /.test(l));
    expect(row!.split(/ {2,}/)).toHaveLength(head!.split(/ {2,}/).length);
    expect(row).toMatch(/^rnn +\d{7,}\.\d\d +\d{7,}\.\d\d–\d{7,}\.\d\d +\d{7,}\.\d\d /);
    expect(r.stdout).toContain('naive = "next Volume = last Volume"');
  });

  it('prints a table on a terminal and refuses flags that do not apply', async () => {
    const r = await rnnkit(['compare', '--cells', 'rnn,gru', '--seeds', '1', '--epochs', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cell +test RMSE median +range +MAE median +MASE median +skill median +naive RMSE +naive MAE +naive MASE +ms\/epoch$/m);
    expect(r.stdout).toMatch(/^gru +[\d.]+ +[\d.]+–[\d.]+ +[\d.]+ +[\d.]+ +-?[\d.]+ +823\.88 +612\.28 +0\.807 +[\d.]+$/m);
    expect(r.stdout).toMatch(/^2 cells × 1 seed, 2 epochs sgd lr 0\.005, /);
    expect(r.stdout).toContain('naive = "next Close = last Close"');
    const bad = await rnnkit(['compare', '--seed', '3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--seed does not apply to compare/);
    const cell = await rnnkit(['compare', '--cells', 'rnn,transformer']);
    expect(cell.code).toBe(2);
    expect(cell.stderr).toMatch(/--cells takes rnn, lstm and gru, got "transformer"/);
  });
});
