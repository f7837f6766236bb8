import { columnIndex, sameColumn, scalerFromJSON, type ScalerState } from '@rnnkit/datasets';
import type { GraphBuilder } from './graph-builder.js';
import type { RawInput, RnnkitMetadata } from './metadata.js';
import { OnnxError } from './onnx-error.js';
import { scalerColumn } from './scaler-affines.js';

/** Days of the moving average of a `logret+ma…` input transform, 0 for the others (@rnnkit/forecast's movingAverageDays). */
export function movingAverageDaysOf(transform: string): number {
  return transform === 'logret+ma' ? 50 : transform === 'logret+ma200' ? 200 : 0;
}

/** The input transforms the price graph computes (@rnnkit/forecast's InputTransform). */
const TRANSFORMS = ['level', 'logret', 'diff', 'relative', 'level+logret', 'logret+ma', 'logret+ma200'] as const;
type Transform = (typeof TRANSFORMS)[number];

/** Calendar covariate columns per feature (@rnnkit/forecast's calendarNames). */
const CALENDAR_COLUMNS: Record<string, string[]> = {
  dayofweek: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => `dow=${d}`),
  month: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `month=${m}`),
};

/** The metadata the price graph reads. */
type PriceMeta = Omit<RnnkitMetadata, 'withScaler' | 'style' | 'cell'>;

/** True when a with-scaler export needs the price graph: the inputs are derived from the prices, or the outputs are changes to decode. */
export function needsPriceGraph(meta: Pick<RnnkitMetadata, 'targetTransform' | 'inputTransform' | 'calendar'>): boolean {
  return (meta.targetTransform ?? 'none') !== 'none' || (meta.inputTransform ?? 'level') !== 'level' || (meta.calendar?.length ?? 0) > 0;
}

/** Rows the transform reads before a window's first day (@rnnkit/forecast's lookback). */
function lookbackOf(transform: Transform): number {
  const ma = movingAverageDaysOf(transform);
  if (ma > 0) return ma - 1;
  return transform === 'logret' || transform === 'diff' || transform === 'level+logret' ? 1 : 0;
}

/** What the price graph reads, for the metadata (`rnnkit.rawInput`) and the graph's input declarations. */
export function rawInputOf(meta: PriceMeta): RawInput {
  const transform = transformOf(meta);
  const lookback = lookbackOf(transform);
  const columns = meta.features.some((f) => sameColumn(f, meta.target)) ? [...meta.features] : [...meta.features, meta.target];
  const calendar = (meta.calendar ?? []).flatMap((c) => {
    const names = CALENDAR_COLUMNS[c];
    if (!names) throw new OnnxError(`unknown calendar covariate "${c}"; the price graph knows ${Object.keys(CALENDAR_COLUMNS).join(', ')}`);
    return names;
  });
  return {
    prices: { name: 'prices', rows: meta.seqLength + lookback, columns },
    lookback,
    ...(calendar.length ? { calendar: { name: 'calendar', columns: calendar } } : {}),
  };
}

function transformOf(meta: PriceMeta): Transform {
  const t = (meta.inputTransform ?? 'level') as Transform;
  if (!TRANSFORMS.includes(t)) throw new OnnxError(`unknown input transform "${t}"; the price graph computes ${TRANSFORMS.join(', ')}`);
  return t;
}

/** The price graph's pieces: the model input it computes and the decoding of the head's output. */
export interface PriceGraph {
  /** What the graph reads, as `rnnkit.rawInput` records it. */
  rawInput: RawInput;
  /** The recurrent core's input, time-major [seq, batch, inputs], computed from `prices` (and `calendar`). */
  x: string;
  /** Adds the decoding of the head's output [batch, horizon] (learned units) into prices, named `output`. */
  decode(y: string): string;
}

/**
 * Raw prices in, prices out, for any rnnkit run: the graph input `prices` `[batch, rows, columns]` holds the
 * window's rows of the series' columns (the features, then the target if it is not one), with
 * `rawInput.lookback` rows before the window's first day that the input transform reads; `calendar`
 * [batch, covariates] the one-hot covariates of the forecast's target day (a graph does not know the
 * trading calendar). In the graph, as @rnnkit/forecast's windowsAt and decodeOutputs compute them:
 * a value ≤ 0 read as the column's last positive value before it (log transforms), the transformed
 * columns (log returns, changes, the log gap to the 50- or 200-day mean, …), the input scaler, the covariates
 * appended to every step; and after the head the target transform undone from the window's last
 * target value (`none`: the inverse scaler; `diff`: last + y·targetScale; `logret`: last·exp(y·targetScale)).
 */
export function priceGraph(g: GraphBuilder, meta: PriceMeta, inputSize: number): PriceGraph {
  const transform = transformOf(meta);
  const rawInput = rawInputOf(meta);
  const { rows: R, columns } = rawInput.prices;
  const L = rawInput.lookback;
  const S = meta.seqLength;
  const F = meta.features.length;
  const targetCol = columnIndex(columns, meta.target);
  const derived = transform !== 'level';
  if (derived && !meta.inputScaler) throw new OnnxError(`the ${transform} input transform needs the scaler of the transformed columns in metadata.inputScaler`);
  const ma = movingAverageDaysOf(transform);
  const perFeature = transform === 'level+logret' || ma > 0 ? 2 : 1;
  const K = rawInput.calendar?.columns.length ?? 0;
  if (F * perFeature + K !== inputSize) throw new OnnxError(`the ${transform} transform of ${F} features${K ? ` and ${K} calendar covariates` : ''} makes ${F * perFeature + K} inputs, the model reads ${inputSize}`);

  const slice = (x: string, starts: number[], ends: number[], axes: number[], tag: string) =>
    g.node('Slice', [x, g.int64(`prices.${tag}.starts`, starts), g.int64(`prices.${tag}.ends`, ends), g.int64(`prices.${tag}.axes`, axes)])[0]!;
  const op = (type: string, inputs: string[], attributes: Record<string, number | number[]> = {}) => g.node(type, inputs, attributes)[0]!;

  // Log transforms read a value ≤ 0 (a halted day) as the column's last positive value: a forward fill
  // by doubling, after step s each row holds the last positive value of the 2s rows ending at it.
  const logs = transform !== 'level' && transform !== 'diff';
  let filled = 'prices';
  if (logs) {
    const zero = g.float('prices.zero', [], [0]);
    for (let s = 1; s < R; s *= 2) {
      const head = slice(filled, [0], [s], [1], `fill${s}.head`);
      const tail = slice(filled, [s], [R], [1], `fill${s}.tail`);
      const before = slice(filled, [0], [R - s], [1], `fill${s}.before`);
      filled = op('Concat', [head, op('Where', [op('Greater', [tail, zero]), tail, before])], { axis: 1 });
    }
  }
  const source = logs ? filled : 'prices';
  const day = slice(source, [L, 0], [R, F], [1, 2], 'day'); // [batch, seq, features]: the window's days
  const dayBefore = L > 0 ? slice(source, [L - 1, 0], [R - 1, F], [1, 2], 'before') : '';
  const logret = () => op('Log', [op('Div', [day, dayBefore])]);

  let columnsOut: string;
  if (transform === 'level') columnsOut = day;
  else if (transform === 'logret') columnsOut = logret();
  else if (transform === 'diff') columnsOut = op('Sub', [day, dayBefore]);
  else if (transform === 'relative') columnsOut = op('Log', [op('Div', [day, slice(filled, [R - 1, targetCol], [R, targetCol + 1], [1, 2], 'anchor')])]);
  else if (transform === 'level+logret') columnsOut = op('Concat', [day, logret()], { axis: 2 });
  else {
    // The mean of the `ma` days ending at each window day: a [seq, rows] band of ones times the rows, over `ma`.
    const band = Array.from({ length: S * R }, (_, i) => {
      const t = Math.floor(i / R), k = i % R;
      return k >= t && k < t + ma ? 1 : 0;
    });
    const sums = op('MatMul', [g.float('prices.ma_band', [S, R], band), slice(filled, [0], [F], [2], 'ma.features')]);
    const mean = op('Div', [sums, g.float('prices.ma_days', [], [ma])]);
    columnsOut = op('Concat', [logret(), op('Log', [op('Div', [day, mean])])], { axis: 2 });
  }

  // Scaled as training scaled them: the prices by the scaler over the series, transformed columns by the input scaler.
  let x = derived ? scaleColumns(g, columnsOut, meta.inputScaler!, null, 'input_scaler') : scaleColumns(g, columnsOut, meta.scaler, meta.features, 'scaler');
  if (rawInput.calendar) {
    const covariates = op('Unsqueeze', ['calendar', g.int64('calendar.axes', [1])]); // [batch, 1, K]
    x = op('Concat', [x, op('Expand', [covariates, g.int64('calendar.steps', [1, S, 1])])], { axis: 2 });
  }
  const timeMajor = op('Transpose', [x], { perm: [1, 0, 2] });

  const decode = (y: string): string => {
    const kind = meta.targetTransform ?? 'none';
    if (kind === 'none') return unscaleTarget(g, y, meta.scaler, meta.target);
    const horizon = meta.horizon ?? 1;
    const scale = meta.targetScale ?? [];
    if (scale.length !== horizon) throw new OnnxError(`a ${kind} model needs targetScale with ${horizon} values in its metadata, got ${scale.length}`);
    const last = op('Reshape', [slice('prices', [R - 1, targetCol], [R, targetCol + 1], [1, 2], 'last'), g.int64('prices.last.shape', [-1, 1])]); // [batch, 1]
    const change = op('Mul', [y, g.float('target.scale', [horizon], scale)]);
    return g.node(kind === 'diff' ? 'Add' : 'Mul', [last, kind === 'diff' ? change : op('Exp', [change])], {}, ['output'])[0]!;
  };
  return { rawInput, x: timeMajor, decode };
}

/** Columns scaled as the scaler's transform does (minmax x·scale + offset, standard (x − mean)/std); `names` picks the scaler's columns (null: all, in order). */
function scaleColumns(g: GraphBuilder, x: string, state: ScalerState | null, names: readonly string[] | null, prefix: string): string {
  if (!state || state.kind === 'none') return x;
  const index = names ? names.map((name) => scalerColumn(state, name)) : state.columns.map((_, j) => j);
  const n = index.length;
  if (state.kind === 'standard') {
    const sub = g.node('Sub', [x, g.float(`${prefix}.mean`, [n], index.map((j) => state.mean![j]!))])[0]!;
    return g.node('Div', [sub, g.float(`${prefix}.std`, [n], index.map((j) => state.std![j]!))])[0]!;
  }
  const fitted = scalerFromJSON(state);
  const mul = g.node('Mul', [x, g.float(`${prefix}.scale`, [n], index.map((j) => fitted.affine(j).scale))])[0]!;
  return g.node('Add', [mul, g.float(`${prefix}.offset`, [n], index.map((j) => fitted.affine(j).offset))])[0]!;
}

/** The head's output back to prices as the scaler's inverseColumn does it (minmax (y − offset)/scale, standard y·std + mean), named `output`. */
function unscaleTarget(g: GraphBuilder, y: string, state: ScalerState | null, target: string): string {
  if (!state || state.kind === 'none') return g.node('Identity', [y], {}, ['output'])[0]!;
  const col = scalerColumn(state, target);
  if (state.kind === 'standard') {
    const mul = g.node('Mul', [y, g.float('target.std', [1], [state.std![col]!])])[0]!;
    return g.node('Add', [mul, g.float('target.mean', [1], [state.mean![col]!])], {}, ['output'])[0]!;
  }
  const { scale, offset } = scalerFromJSON(state).affine(col);
  const sub = g.node('Sub', [y, g.float('target.offset', [1], [offset])])[0]!;
  return g.node('Div', [sub, g.float('target.scale', [1], [scale])], {}, ['output'])[0]!;
}
