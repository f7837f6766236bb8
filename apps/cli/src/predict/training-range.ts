import { columnIndex, type PriceTable } from '@rnnkit/datasets';
import type { TrainingData } from '@rnnkit/onnx';

/** How far past its training range a value may lie before predict calls the data another series. */
export const RANGE_FACTOR = 10;

/**
 * Describes the first value in the last `n` rows (latest first, `target` before the other columns) that lies over 10× above the largest
 * value of its column in the training rows, or under a tenth of the smallest, e.g. another stock's
 * prices; null when every value fits. Only positive bounds are checked (prices are positive).
 */
export function outsideTrainingRange(table: PriceTable, n: number, range: TrainingData['range'], trainedOn: string, target: string): string | null {
  const order = [...range.columns.entries()].sort(([, a], [, b]) => Number(b === target) - Number(a === target));
  for (let i = table.dates.length - 1; i >= Math.max(0, table.dates.length - n); i--) {
    for (const [k, name] of order) {
      const j = columnIndex(table.columns, name);
      const v = table.values[i]?.[j];
      const min = range.min[k]!, max = range.max[k]!;
      if (v === undefined) continue;
      const trained = `the model was trained on (${fmt(min)}..${fmt(max)} in ${trainedOn})`;
      if (max > 0 && v > RANGE_FACTOR * max) return `${name} ${fmt(v)} on ${table.dates[i]} is ${ratio(v / max)}× the largest ${name} ${trained}`;
      if (min > 0 && v < min / RANGE_FACTOR) {
        const part = v > 0 ? `1/${ratio(min / v)} of` : 'far below';
        return `${name} ${fmt(v)} on ${table.dates[i]} is ${part} the smallest ${name} ${trained}`;
      }
    }
  }
  return null;
}

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const ratio = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
