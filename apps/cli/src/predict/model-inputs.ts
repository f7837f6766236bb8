import { createScaler, scalerFromJSON, type PriceTable } from '@rnnkit/datasets';
import { inputCount, lookback, priceWindowsAt, seriesOf, windowsAt, type CalendarFeature, type Encoding, type InputTransform, type PriceWindows } from '@rnnkit/forecast';
import type { RawInput, RnnkitMetadata } from '@rnnkit/onnx';
import type { OnnxFeeds } from '@rnnkit/onnx/node';

/**
 * The input window of a model whose metadata names an input transform or calendar covariates, built from
 * the table's last rows exactly as training built its windows (@rnnkit/forecast's windowsAt): the
 * transformed columns scaled by the recorded input scaler, then the target day's covariates (the next
 * weekday after the last row). Null for plain price inputs.
 */
export function derivedInputs(meta: RnnkitMetadata, table: PriceTable): { x: Float32Array; features: number; rowsRead: number } | null {
  const { inputTransform, calendar } = inputSideOf(meta);
  if (inputTransform === 'level' && calendar.length === 0) return null;
  const series = seriesOf(table, meta.features, meta.target);
  const encoding: Encoding = {
    scaler: meta.scaler ? scalerFromJSON(meta.scaler) : createScaler('none', series.columns).fit(series.rows),
    targetScale: meta.targetScale ?? [1],
    ...(inputTransform === 'level' ? {} : { inputTransform, inputScaler: scalerFromJSON(meta.inputScaler!) }),
    ...(calendar.length ? { calendar } : {}),
  };
  const origin = series.rows.length - 1;
  const windows = windowsAt(series, encoding, [origin], meta.seqLength);
  return { x: windows.x, features: inputCount(meta.features.length, { inputTransform, calendar }), rowsRead: meta.seqLength + lookback(inputTransform) };
}

/**
 * The feeds of a raw-price graph (metadata `rawInput`) from the table's last rows: `prices` [1, rows, columns]
 * and, with calendar covariates, `calendar` [1, covariates] of the target day (@rnnkit/forecast's priceWindowsAt).
 * Null for other files.
 */
export function rawPriceFeeds(meta: RnnkitMetadata, table: PriceTable): OnnxFeeds | null {
  if (!meta.rawInput) return null;
  const series = seriesOf(table, meta.features, meta.target);
  return priceFeeds(meta.rawInput, priceWindowsAt(series, inputSideOf(meta), [series.rows.length - 1], meta.seqLength));
}

/** The input transform and calendar covariates a model file's metadata records (absent: levels, none). */
function inputSideOf(meta: RnnkitMetadata): { inputTransform: InputTransform; calendar: CalendarFeature[] } {
  return { inputTransform: (meta.inputTransform ?? 'level') as InputTransform, calendar: (meta.calendar ?? []) as CalendarFeature[] };
}

/** Price windows as the named inputs `rawInput` declares. */
export function priceFeeds(rawInput: RawInput, windows: PriceWindows): OnnxFeeds {
  return {
    [rawInput.prices.name]: { data: windows.prices, dims: [windows.n, windows.rows, windows.columns] },
    ...(rawInput.calendar ? { [rawInput.calendar.name]: { data: windows.calendar, dims: [windows.n, windows.covariates] } } : {}),
  };
}
