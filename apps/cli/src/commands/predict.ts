import { decodeTarget, lookback, type InputTransform } from '@rnnkit/forecast';
import { columnIndex, DataError, scalerFromJSON } from '@rnnkit/datasets';
import { runOnnx } from '@rnnkit/onnx/node';
import { oneOf } from '../flags.js';
import { metadataOf, readModelFile } from '../model-file.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { predictData } from '../predict/predict-data.js';
import { derivedInputs, rawPriceFeeds } from '../predict/model-inputs.js';
import { RANGE_FACTOR } from '../predict/training-range.js';
import { skippedRowLines } from '../skipped-rows.js';
import { UsageError } from '../usage-error.js';
import { columnDecimals, columnFormat, formatFixed } from '../charts/format-number.js';
import { recordLine, runRecordOf } from '../predict/run-record.js';
import { printHelp } from '../print-help.js';

/** `rnnkit predict`'s flags: parsing, defaults and --help come from this table. */
const PREDICT_FLAGS = {
  model: { value: '<file.onnx>', help: 'an ONNX file written by rnnkit train or rnnkit export (required)' },
  data: {
    value: '<csv>',
    help: [
      'OHLC CSV (default: the CSV the model was trained on: the bundled prices, or',
      'the path given to rnnkit train --data, from the current folder; if it is not',
      'there, predict stops and asks for --data). A training file that has changed',
      'since (another sha256), or another file, is used with a note',
    ].join('\n'),
  },
  missing: { value: '<mode>', help: 'error | skip rows with some values missing (default: as in training)' },
  'ignore-range': { help: `predict even when the window's values lie over ${RANGE_FACTOR}× above or below the\nrange the model was trained on (otherwise refused: likely another series)` },
  json: { help: 'print one JSON summary' },
  ...HELP_FLAG,
} as const satisfies FlagTable;

export const PREDICT_HELP = `Usage: rnnkit predict --model <file.onnx> [--data <csv>] [--missing error|skip] [--ignore-range] [--json]

Predicts the next trading day's value of the model's target (e.g. Close) from the last rows of
the data, in price units, with onnxruntime-node (the next H days for a model trained with --horizon H). Only the file's metadata says which columns,
how many days and which scaling: any ONNX file written by rnnkit works, nothing else is needed.

${flagHelp(PREDICT_FLAGS, 21)}`;

/** `rnnkit predict`: returns the exit code. */
export async function predictCommand(args: string[]): Promise<number> {
  const { values } = parseTable(args, PREDICT_FLAGS);
  if (values.help) return printHelp(PREDICT_HELP);
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  const bytes = await readModelFile(values.model);
  const meta = metadataOf(values.model, bytes);
  if (!meta) throw new DataError(values.model, undefined, 'has no rnnkit metadata (features, target, window length, scaler)', 'predict from a file written by rnnkit train or rnnkit export');

  const recordedMissing = meta.config?.missing === 'skip' ? 'skip' : 'error';
  const missing = values.missing === undefined ? recordedMissing : oneOf('--missing', values.missing, ['error', 'skip'] as const);
  const { source, table, trainedOn, notes } = await predictData(values.model, meta, { data: values.data, missing, ignoreRange: values['ignore-range'] });
  const columns = table.columns;
  const n = meta.seqLength;
  const need = n + lookback((meta.inputTransform ?? 'level') as InputTransform);
  if (table.dates.length < need) throw new DataError(source, undefined, `has ${table.dates.length} rows, the model reads windows of ${n}${need > n ? ` and ${need - n} rows before them` : ''}`, 'pass a CSV with more rows');
  const rows = table.values.slice(-n);
  const col = (name: string) => columnIndex(columns, name);
  const featureCols = meta.features.map(col);
  const targetCol = col(meta.target);

  // Scale here unless the graph scales itself; ONNX input is [seq, batch=1, features].
  const scaler = meta.scaler && !meta.withScaler ? scalerFromJSON(meta.scaler) : null;
  const window = scaler ? scaler.transform(rows) : rows;
  const lastValue = rows[n - 1]![targetCol]!;
  // A raw-price graph (rnnkit.rawInput) reads the raw rows and returns prices: it transforms, scales and decodes itself.
  const priceFeeds = rawPriceFeeds(meta, table);
  let predictions: number[];
  if (priceFeeds) {
    predictions = Array.from(await runOnnx(bytes, priceFeeds));
  } else {
    // An input transform or calendar covariates: the window as training built it, from the raw rows.
    const derived = derivedInputs(meta, table);
    const input = derived ? derived.x : Float32Array.from(window.flatMap((r) => featureCols.map((c) => r[c]!)));
    const outputs = await runOnnx(bytes, input, [n, 1, derived ? derived.features : meta.features.length]);
    // One output per horizon; a diff/logret model's outputs are changes from the last value.
    const transform = meta.targetTransform ?? 'none';
    predictions = Array.from(outputs, (y, h) => {
      if (transform !== 'none') return decodeTarget(transform, y * (meta.targetScale?.[h] ?? 1), lastValue);
      return scaler ? scaler.inverseColumn([y], targetCol)[0]! : y;
    });
  }
  const prediction = predictions[0]!;
  const dates = table.dates.slice(-n);
  const record = await runRecordOf(values.model, meta);
  const summary = {
    ...(record ? { testVsNaive: record } : {}),
    model: values.model, data: source, trainedOn, notes, skippedRows: table.skipped,
    target: meta.target, window: { from: dates[0], to: dates[n - 1] }, prediction, predictions, lastValue, change: prediction - lastValue,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    // Cents for prices, the significant digits of a sub-dollar one (0.0458, not 0.05); thousands grouped.
    const decimals = columnDecimals([lastValue, ...predictions]);
    const fmt = (v: number) => formatFixed(v, decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    const line = (p: number, h: number) => {
      const pct = ((p / lastValue - 1) * 100).toFixed(2);
      const day = h === 1 ? 'on the trading day after' : `${h} trading days after`;
      return `${meta.target} ${day} ${dates[n - 1]}: ${fmt(p)} (${Number(pct) >= 0 ? '+' : ''}${pct}% vs the last ${meta.target} ${fmt(lastValue)}, which is the naive forecast)\n`;
    };
    const of = source === trainedOn ? `${source}, the model's training data` : source;
    const after = [...skippedRowLines(table.skipped), ...notes.map((note) => `note: ${note}`)].map((l) => `${l}\n`).join('');
    const scored = record ? `${recordLine(record, columnFormat([record.modelRmse, record.naiveRmse]))}\n` : '';
    process.stdout.write(`${predictions.map((p, k) => line(p, k + 1)).join('')}from ${n} days ${dates[0]}..${dates[n - 1]} of ${of}\n${scored}${after}`);
  }
  return 0;
}
