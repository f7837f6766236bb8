import { ColumnScaler } from './column-scaler.js';
import type { Affine, ScalerState } from './scaler.js';

/**
 * sklearn's StandardScaler: x' = (x - mean) / std with the population std
 * (ddof = 0); a constant column gets std 1.
 */
export class StandardScaler extends ColumnScaler {
  /** Always 'standard'. */
  override readonly kind = 'standard';
  private mean: number[] = [];
  private std: number[] = [];

  /** A fitted scaler from saved per-column mean and std (std > 0). */
  static fromStats(columns: string[], mean: number[], std: number[]): StandardScaler {
    if (std.some((s) => !(s > 0))) throw new RangeError('standard scaler: every std must be > 0');
    const scaler = new StandardScaler(columns);
    scaler.mean = [...mean];
    scaler.std = [...std];
    scaler.fitted = true;
    return scaler;
  }

  /** Learns each column's mean and population std (1 for a constant column). */
  protected override learn(rows: number[][]): void {
    const n = rows.length;
    this.mean = this.columns.map((_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
    this.std = this.mean.map((m, j) => {
      const variance = rows.reduce((s, r) => s + ((r[j] ?? 0) - m) ** 2, 0) / n;
      // sklearn's _is_constant_feature: variance within rounding noise of 0 counts as 0.
      const eps = Number.EPSILON;
      const constant = variance <= n * eps * variance + (n * m * eps) ** 2;
      return constant ? 1 : Math.sqrt(variance);
    });
  }

  /** Scales one value of column `col`: (value - mean) / std. */
  protected override forward(value: number, col: number): number {
    return (value - (this.mean[col] ?? 0)) / (this.std[col] ?? 1);
  }

  /** Unscales one value of column `col`: value * std + mean. */
  protected override backward(value: number, col: number): number {
    return value * (this.std[col] ?? 1) + (this.mean[col] ?? 0);
  }

  /** Column `col`'s map: scale = 1 / std, offset = -mean / std. */
  protected override affineOf(col: number): Affine {
    const std = this.std[col] ?? 1;
    return { scale: 1 / std, offset: -(this.mean[col] ?? 0) / std };
  }

  /** Kind 'standard' with the per-column mean and std. */
  protected override state(): ScalerState {
    return { kind: 'standard', columns: [...this.columns], mean: [...this.mean], std: [...this.std] };
  }
}
