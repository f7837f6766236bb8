import type { SkippedRow } from '@rnnkit/datasets';

const SHOWN = 10;

/** One line per kind of row the CSV reader left out, e.g. "skipped 2 rows with no trading (all null): 2020-01-02, 2020-01-03". */
export function skippedRowLines(skipped: SkippedRow[]): string[] {
  const kinds = [
    ['no trading', 'with no trading (all null)'],
    ['missing', 'with missing values (--missing skip)'],
  ] as const;
  return kinds.flatMap(([reason, what]) => {
    const dates = skipped.filter((s) => s.reason === reason).map((s) => s.date);
    if (dates.length === 0) return [];
    const more = dates.length > SHOWN ? ` and ${dates.length - SHOWN} more` : '';
    return [`skipped ${dates.length} row${dates.length > 1 ? 's' : ''} ${what}: ${dates.slice(0, SHOWN).join(', ')}${more}`];
  });
}
