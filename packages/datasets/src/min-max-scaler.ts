import { ColumnScaler } from './column-scaler.js';
import type { Affine, ScalerState } from './scaler.js';

/**
 * sklearn's MinMaxScaler with feature_range (0, 1): x' = (x - min) / (max - min),
 * computed as sklearn does, x * scale + offset, with scale = 1 / (max - min)
 * (1 for a constant column) and offset = -min * scale.
 */
export class MinMaxScaler extends ColumnScaler {
  /** Always 'minmax'. */
  override readonly kind = 'minmax';
  private min: number[] = [];
  private max: number[] = [];
  private scale: number[] = [];
  private offset: number[] = [];

  /** A fitted scaler from saved per-column min and max. */
  static fromStats(columns: string[], min: number[], max: number[]): MinMaxScaler {
    const scaler = new MinMaxScaler(columns);
    scaler.setStats(min, max);
    scaler.fitted = true;
    return scaler;
  }

  /** Learns each column's min and max, and from them scale and offset. */
  protected override learn(rows: number[][]): void {
    // reduce rather than Math.min(...column): spreading long columns overflows the stack.
    const min = this.columns.map((_, j) => rows.reduce((m, r) => Math.min(m, r[j] ?? NaN), Infinity));
    const max = this.columns.map((_, j) => rows.reduce((m, r) => Math.max(m, r[j] ?? NaN), -Infinity));
    this.setStats(min, max);
  }

  private setStats(min: number[], max: number[]): void {
    this.min = [...min];
    this.max = [...max];
    // sklearn's _handle_zeros_in_scale: a (near-)zero range divides by 1 instead.
    this.scale = min.map((lo, j) => {
      const range = (max[j] ?? lo) - lo;
      return 1 / (range < 10 * Number.EPSILON ? 1 : range);
    });
    this.offset = min.map((lo, j) => -lo * (this.scale[j] ?? 1));
  }

  /** Scales one value of column `col`: value * scale + offset, 0..1 over the fitted range. */
  protected override forward(value: number, col: number): number {
    return value * (this.scale[col] ?? 1) + (this.offset[col] ?? 0);
  }

  /** Unscales one value of column `col`: (value - offset) / scale. */
  protected override backward(value: number, col: number): number {
    return (value - (this.offset[col] ?? 0)) / (this.scale[col] ?? 1);
  }

  /** Column `col`'s map: scale = 1 / (max - min) (1 for a constant column), offset = -min * scale. */
  protected override affineOf(col: number): Affine {
    return { scale: this.scale[col] ?? 1, offset: this.offset[col] ?? 0 };
  }

  /** Kind 'minmax' with the per-column min and max. */
  protected override state(): ScalerState {
    return { kind: 'minmax', columns: [...this.columns], min: [...this.min], max: [...this.max] };
  }
}
