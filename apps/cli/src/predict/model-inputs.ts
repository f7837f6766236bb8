import { createScaler, scalerFromJSON, type PriceTable } from '@rnnkit/datasets';
import { inputCount, lookback, seriesOf, windowsAt, type CalendarFeature, type Encoding, type InputTransform } from '@rnnkit/forecast';
import type { RnnkitMetadata } from '@rnnkit/onnx';

/**
 * The input window of a model whose metadata names an input transform or calendar covariates, built from
 * the table's last rows exactly as training built its windows (@rnnkit/forecast's windowsAt): the
 * transformed columns scaled by the recorded input scaler, then the target day's covariates (the next
 * weekday after the last row). Null for plain price inputs.
 */
export function derivedInputs(meta: RnnkitMetadata, table: PriceTable): { x: Float32Array; features: number; rowsRead: number } | null {
  const inputTransform = (meta.inputTransform ?? 'level') as InputTransform;
  const calendar = (meta.calendar ?? []) as CalendarFeature[];
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
