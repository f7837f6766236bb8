import { IdentityScaler } from './identity-scaler.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { StandardScaler } from './standard-scaler.js';

/** Which scaling to apply: sklearn's MinMaxScaler, StandardScaler, or none. */
export type ScalerKind = 'minmax' | 'standard' | 'none';

/** JSON form of a fitted scaler, enough to rebuild it with {@link scalerFromJSON}. */
export interface ScalerState {
  /** Which scaler the statistics belong to. */
  kind: ScalerKind;
  /** Column names, in the order of the per-column arrays. */
  columns: string[];
  /** minmax: per-column minimum of the fitted data. */
  min?: number[];
  /** minmax: per-column maximum of the fitted data. */
  max?: number[];
  /** standard: per-column mean. */
  mean?: number[];
  /** standard: per-column population std (ddof=0), 1 where the column is constant. */
  std?: number[];
}

/** Per-column affine map: scaled = raw * scale + offset. */
export interface Affine {
  /** Factor on the raw value (scaled units per raw unit). */
  scale: number;
  /** Added after scaling, in scaled units. */
  offset: number;
}

/** A per-column scaler with sklearn semantics, fitted once and then applied to rows. */
export interface Scaler {
  /** Which scaling this is. */
  readonly kind: ScalerKind;
  /** Column names, one per row entry. */
  readonly columns: string[];
  /** Learns the statistics of `rows` ([n][columns.length]). */
  fit(rows: number[][]): this;
  /** Scales every row. */
  transform(rows: number[][]): number[][];
  /** Undoes {@link Scaler.transform}. */
  inverseTransform(rows: number[][]): number[][];
  /** Scales values of column `col` alone. */
  transformColumn(values: number[], col: number): number[];
  /** Unscales values of column `col` alone. */
  inverseColumn(values: number[], col: number): number[];
  /** The map of column `col` as scaled = raw * scale + offset (for ONNX export). */
  affine(col: number): Affine;
  /** The fitted statistics. */
  toJSON(): ScalerState;
}

/** An unfitted scaler of the given kind over `columns`. */
export function createScaler(kind: ScalerKind, columns: string[]): Scaler {
  switch (kind) {
    case 'minmax':
      return new MinMaxScaler(columns);
    case 'standard':
      return new StandardScaler(columns);
    case 'none':
      return new IdentityScaler(columns);
    default:
      throw new RangeError(`unknown scaler ${JSON.stringify(kind)}; use minmax, standard or none`);
  }
}

/** Rebuilds a fitted scaler from {@link Scaler.toJSON} output, checking it. */
export function scalerFromJSON(state: ScalerState): Scaler {
  const columns = state.columns;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    throw new TypeError('scaler state: columns must be an array of names');
  }
  const stat = (key: 'min' | 'max' | 'mean' | 'std'): number[] => {
    const v = state[key];
    if (!Array.isArray(v) || v.length !== columns.length || !v.every(Number.isFinite)) {
      throw new TypeError(`scaler state: ${state.kind} needs ${key} as ${columns.length} finite numbers`);
    }
    return v;
  };
  switch (state.kind) {
    case 'minmax':
      return MinMaxScaler.fromStats(columns, stat('min'), stat('max'));
    case 'standard':
      return StandardScaler.fromStats(columns, stat('mean'), stat('std'));
    case 'none':
      return IdentityScaler.fromStats(columns);
    default:
      throw new TypeError(`scaler state: unknown kind ${JSON.stringify(state.kind)}`);
  }
}
