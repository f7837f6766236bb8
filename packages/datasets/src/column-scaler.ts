import type { Affine, Scaler, ScalerKind, ScalerState } from './scaler.js';

/**
 * Shared plumbing of the scalers: shape checks, the fitted guard and
 * row/column loops. Subclasses supply the per-value maps.
 */
export abstract class ColumnScaler implements Scaler {
  /** Which scaling the subclass applies. */
  abstract readonly kind: ScalerKind;
  /** Column names, one per row entry. */
  readonly columns: string[];
  /** Set by fit (or by a subclass restoring saved statistics). */
  protected fitted = false;

  constructor(columns: string[]) {
    this.columns = [...columns];
  }

  /** Learns the column statistics from `rows`; non-finite values are rejected. */
  fit(rows: number[][]): this {
    if (rows.length === 0) throw new RangeError(`${this.kind} scaler: cannot fit on zero rows`);
    rows.forEach((row, i) => {
      this.checkWidth(row, i);
      const bad = row.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new RangeError(`${this.kind} scaler: row ${i}, column ${this.columns[bad]} is ${row[bad]}; fit on finite numbers only`);
    });
    this.learn(rows);
    this.fitted = true;
    return this;
  }

  /** Scales every row. */
  transform(rows: number[][]): number[][] {
    this.checkFitted('transform');
    return rows.map((row, i) => (this.checkWidth(row, i), row.map((v, j) => this.forward(v, j))));
  }

  /** Undoes {@link ColumnScaler.transform}. */
  inverseTransform(rows: number[][]): number[][] {
    this.checkFitted('inverseTransform');
    return rows.map((row, i) => (this.checkWidth(row, i), row.map((v, j) => this.backward(v, j))));
  }

  /** Scales values of column `col` alone. */
  transformColumn(values: number[], col: number): number[] {
    this.checkFitted('transformColumn');
    this.checkColumn(col);
    return values.map((v) => this.forward(v, col));
  }

  /** Unscales values of column `col` alone. */
  inverseColumn(values: number[], col: number): number[] {
    this.checkFitted('inverseColumn');
    this.checkColumn(col);
    return values.map((v) => this.backward(v, col));
  }

  /** scaled = raw * scale + offset for column `col`. */
  affine(col: number): Affine {
    this.checkFitted('affine');
    this.checkColumn(col);
    return this.affineOf(col);
  }

  /** The fitted statistics as plain JSON. */
  toJSON(): ScalerState {
    this.checkFitted('toJSON');
    return this.state();
  }

  /** Learns the statistics from `rows` ([n][columns.length]), already checked to be finite and of the right width. */
  protected abstract learn(rows: number[][]): void;
  /** Scales one raw value of column `col`. */
  protected abstract forward(value: number, col: number): number;
  /** Unscales one scaled value of column `col`, back to raw units. */
  protected abstract backward(value: number, col: number): number;
  /** Column `col`'s map as scaled = raw * scale + offset. */
  protected abstract affineOf(col: number): Affine;
  /** The fitted statistics as a ScalerState. */
  protected abstract state(): ScalerState;

  private checkFitted(method: string): void {
    if (!this.fitted) throw new Error(`${this.kind} scaler: ${method} called before fit; call fit(trainingRows) first`);
  }

  private checkWidth(row: number[], i: number): void {
    if (row.length !== this.columns.length) {
      throw new RangeError(`${this.kind} scaler: row ${i} has ${row.length} values but the scaler has ${this.columns.length} columns (${this.columns.join(', ')})`);
    }
  }

  private checkColumn(col: number): void {
    if (!Number.isInteger(col) || col < 0 || col >= this.columns.length) {
      throw new RangeError(`${this.kind} scaler: column index ${col} is outside 0..${this.columns.length - 1}`);
    }
  }
}
