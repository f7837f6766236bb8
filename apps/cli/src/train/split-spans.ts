import type { PreparedRun, Series } from '@rnnkit/forecast';

/** One part of a split: its first and last date, rows and windows. */
export interface SplitSpan {
  from: string;
  to: string;
  rows: number;
  windows: number;
  /** e.g. "2020-06-11..2023-03-23 (689 rows → 685 windows)" */
  text: string;
}

/** The dates, rows and windows of a run's training and test parts, for headers and JSON summaries. */
export function splitSpans(series: Series, prepared: PreparedRun): { train: SplitSpan; test: SplitSpan } {
  const span = ({ start, end }: { start: number; end: number }, windows: number): SplitSpan => {
    const from = series.dates[start]!, to = series.dates[end - 1]!, rows = end - start;
    return { from, to, rows, windows, text: `${from}..${to} (${rows} rows → ${windows} windows)` };
  };
  return { train: span(prepared.rows.train, prepared.train.n), test: span(prepared.rows.test, prepared.test.n) };
}
