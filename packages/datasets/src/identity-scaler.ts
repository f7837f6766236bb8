import { ColumnScaler } from './column-scaler.js';
import type { Affine, ScalerState } from './scaler.js';

/** The "none" scaler: passes values through, so raw prices reach the model. */
export class IdentityScaler extends ColumnScaler {
  /** Always 'none'. */
  override readonly kind = 'none';

  /** A ready-to-use identity scaler (it has no statistics to restore). */
  static fromStats(columns: string[]): IdentityScaler {
    const scaler = new IdentityScaler(columns);
    scaler.fitted = true;
    return scaler;
  }

  /** Learns nothing: there are no statistics. */
  protected override learn(): void {
    // Nothing to learn; fit still checks the rows' shape.
  }

  /** Scales one value: returns it unchanged. */
  protected override forward(value: number): number {
    return value;
  }

  /** Unscales one value: returns it unchanged. */
  protected override backward(value: number): number {
    return value;
  }

  /** Every column's map: scale 1, offset 0. */
  protected override affineOf(): Affine {
    return { scale: 1, offset: 0 };
  }

  /** Kind 'none' and the columns; there are no statistics. */
  protected override state(): ScalerState {
    return { kind: 'none', columns: [...this.columns] };
  }
}
