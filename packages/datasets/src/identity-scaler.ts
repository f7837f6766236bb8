import { ColumnScaler } from './column-scaler.js';
import type { Affine, ScalerState } from './scaler.js';

/** The "none" scaler: passes values through, so raw prices reach the model. */
export class IdentityScaler extends ColumnScaler {
  override readonly kind = 'none';

  /** A ready-to-use identity scaler (it has no statistics to restore). */
  static fromStats(columns: string[]): IdentityScaler {
    const scaler = new IdentityScaler(columns);
    scaler.fitted = true;
    return scaler;
  }

  protected override learn(): void {
    // Nothing to learn; fit still checks the rows' shape.
  }

  protected override forward(value: number): number {
    return value;
  }

  protected override backward(value: number): number {
    return value;
  }

  protected override affineOf(): Affine {
    return { scale: 1, offset: 0 };
  }

  protected override state(): ScalerState {
    return { kind: 'none', columns: [...this.columns] };
  }
}
