import type { ScalerState } from '@rnnkit/datasets';
import type { SequenceRegressor } from '@rnnkit/layers';
import { GraphBuilder } from './graph-builder.js';
import { metadataProps, type RawInput, type RnnkitMetadata } from './metadata.js';
import { needsPriceGraph, priceGraph } from './price-graph.js';
import { onnx, FLOAT, type ValueInfoProto } from './proto.js';
import { OnnxError } from './onnx-error.js';
import { recurrentOp } from './recurrent-op.js';
import { unrolled } from './unrolled.js';
import { scalerAffines } from './scaler-affines.js';
import { STATE_NAMES } from './state-io.js';
import { RNNKIT_VERSION } from './version.js';

/** Options of `exportOnnx`. */
export interface ExportOptions {
  /** ONNX opset, 14 (default) to 22. */
  opset?: number;
  /** 'op' (default): ONNX's RNN, LSTM or GRU op. 'unrolled': Gemm/Split/Add/Tanh (and Sigmoid/Mul/Sub for LSTM and GRU) per time step, for runtimes without them; importOnnx reads it back by its initializer names. */
  style?: 'op' | 'unrolled';
  /**
   * Put the scaling and its inverse into the graph: raw prices in, a price out. Plain price inputs and
   * target: the input `input` [seq, batch, features] of raw prices, scaled by `metadata.scaler`. An
   * input transform, calendar covariates or a diff/logret target: the raw-price graph (priceGraph),
   * inputs `prices` `[batch, rows, columns]` (and `calendar` `[batch, covariates]`) as `rnnkit.rawInput` says.
   */
  withScaler?: boolean;
  /**
   * Streaming: the initial state becomes the inputs `initial_h` (and `initial_c` for LSTM) and the
   * final state the outputs `Y_h` (`Y_c`), each [layers, batch, hidden], so a server can feed a few
   * days at a time and carry the state over. Needs style 'op'.
   */
  state?: boolean;
  /**
   * Features, target, window length, scaler and config, stored in `metadata_props`. The scaler is its
   * state, or the fitted scaler itself (`PreparedRun.encoding.scaler` of @rnnkit/forecast, anything with `toJSON()`), so
   * `{ features, target, seqLength, scaler: run.encoding.scaler }` fits.
   */
  metadata: Omit<RnnkitMetadata, 'withScaler' | 'style' | 'cell' | 'state' | 'scaler' | 'rawInput'> & {
    /** The fitted scaler over features ∪ {target}, or its `toJSON()` state; null when the model was trained on raw values. */
    scaler: ScalerState | {
      /** The scaler's state, as weights.json and the metadata store it. */
      toJSON(): ScalerState;
    } | null;
  };
}

/**
 * IR version for each opset: the one onnx paired with it, capped at 8 because the file uses nothing
 * newer, and older readers (Debian's onnx 1.12 checker, IR 8) refuse higher IR versions.
 */
const IR_VERSION: Record<number, number> = { 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 8, 20: 8, 21: 8, 22: 8 };

/**
 * The model as ONNX ModelProto bytes: input `input` [seq, batch, features] (time-major), output
 * `output` [batch, horizon]; with `state`, also the state inputs and outputs. The recurrent core is ONNX's `RNN`, `LSTM` or `GRU` op (or, style 'unrolled', its steps written out), the head a Gemm.
 */
export function exportOnnx(model: SequenceRegressor, options: ExportOptions): Uint8Array {
  const opset = options.opset ?? 14;
  const style = options.style ?? 'op';
  if (!IR_VERSION[opset]) throw new OnnxError(`opset ${opset} is not supported; use 14 to 22`);
  const { inputSize, hiddenSize } = model.config;
  const given = options.metadata;
  const meta = { ...given, scaler: given.scaler && 'toJSON' in given.scaler ? given.scaler.toJSON() : given.scaler };
  const reads = meta.inputs ?? meta.features; // derived inputs (an input transform, calendar covariates) are named in meta.inputs
  if (reads.length !== inputSize) throw new OnnxError(`metadata names ${reads.length} ${meta.inputs ? 'inputs' : 'features'}, the model reads ${inputSize}`);
  const g = new GraphBuilder();

  let x = 'input';
  let unscale: ((y: string) => string) | null = null;
  let rawInput: RawInput | undefined;
  if (options.withScaler && needsPriceGraph(meta)) {
    if (options.state) throw new OnnxError('state cannot go with the raw-price graph: its input transform reads the whole window; export the streaming model without withScaler');
    const prices = priceGraph(g, meta, inputSize);
    ({ x, rawInput } = prices);
    unscale = prices.decode;
  } else if (options.withScaler) {
    if (!meta.scaler) throw new OnnxError('withScaler needs the fitted scaler in metadata.scaler');
    if ((meta.targetTransform ?? 'none') !== 'none') throw new OnnxError(`withScaler needs the plain target; a ${meta.targetTransform} model is exported without it (its outputs are decoded with the window's last value)`);
    const { features: maps, target: t } = scalerAffines(meta.scaler, meta.features, meta.target);
    x = g.node('Add', [
      g.node('Mul', [x, g.float('scaler.scale', [inputSize], maps.map((m) => m.scale))])[0]!,
      g.float('scaler.offset', [inputSize], maps.map((m) => m.offset)),
    ])[0]!;
    unscale = (y) => g.node('Div', [g.node('Sub', [y, g.float('scaler.target_offset', [1], [t.offset])])[0]!, g.float('scaler.target_scale', [1], [t.scale])], {}, ['output'])[0]!;
  }

  if (style === 'unrolled' && model.cell === 'gru' && model.config.linearBeforeReset === false) throw new OnnxError('the unrolled style writes PyTorch\'s GRU (linear_before_reset=1); export this GRU with the GRU op (style "op")');
  const variant = model.core.bidirectional ? 'a bidirectional' : model.config.nonlinearity === 'relu' ? 'a relu' : '';
  if (variant && style !== 'op') throw new OnnxError(`the unrolled style writes forward tanh stacks; export ${variant} model with the op style ("op")`);
  // The unrolled graph has a fixed number of steps and no state inputs: it cannot take a day at a time.
  if (options.state && style !== 'op') throw new OnnxError(`state needs style "op": the unrolled graph always reads ${meta.seqLength} days from a zero state`);
  const last = style === 'op' ? recurrentOp(g, model, x, options.state ?? false) : unrolled(g, model, x, meta.seqLength);
  const name = model.cell === 'rnn' ? 'w_y' : 'head';
  const { weight, bias } = model.head;
  const outputs = model.config.outputSize ?? 1;
  const head = g.node('Gemm', [last, g.float(`${name}.weight`, [outputs, weight.shape[1]!], weight.dataSync()), g.float(`${name}.bias`, [outputs], bias!.dataSync())], { transB: 1 }, unscale ? 1 : ['output'])[0]!;
  if (unscale) unscale(head);

  const seqDim = style === 'unrolled' ? meta.seqLength : 'seq';
  const layers = model.core.layerParameters().length;
  const stateNames = options.state ? (model.cell === 'lstm' ? [STATE_NAMES.h, STATE_NAMES.c] : [STATE_NAMES.h]) : [];
  const stateDims = [layers, 'batch', hiddenSize];
  const graph = {
    name: 'rnnkit_sequence_regressor',
    node: g.nodes,
    initializer: g.initializers,
    input: rawInput
      ? [valueInfo(rawInput.prices.name, ['batch', rawInput.prices.rows, rawInput.prices.columns.length]), ...(rawInput.calendar ? [valueInfo(rawInput.calendar.name, ['batch', rawInput.calendar.columns.length])] : [])]
      : [valueInfo('input', [seqDim, 'batch', inputSize]), ...stateNames.map((s) => valueInfo(s.input, stateDims))],
    output: [valueInfo('output', ['batch', outputs]), ...stateNames.map((s) => valueInfo(s.output, stateDims))],
  };
  const state = options.state ? { inputs: stateNames.map((s) => s.input), outputs: stateNames.map((s) => s.output), layers, hidden: hiddenSize } : undefined;
  const fullMeta: RnnkitMetadata = { cell: model.cell, ...meta, withScaler: options.withScaler ?? false, style, state, rawInput };
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION[opset],
    opsetImport: [{ domain: '', version: opset }],
    producerName: 'rnnkit',
    producerVersion: RNNKIT_VERSION,
    docString: `rnnkit ${style === 'op' ? model.cell.toUpperCase() : `unrolled ${model.cell.toUpperCase()}`} ${inputSize}→${hiddenSize}→${outputs}: ${meta.seqLength} days of ${meta.features.join(',')} → ${outputs === 1 ? 'next' : `1..${outputs} days ahead`} ${meta.target}` +
      (rawInput ? ` (raw prices in, price out: ${rawInput.prices.name} [batch, ${rawInput.prices.rows}, ${rawInput.prices.columns.join(',')}]${rawInput.calendar ? `, ${rawInput.calendar.name} [batch, ${rawInput.calendar.columns.length}]` : ''})` : options.withScaler ? ' (raw prices in, price out)' : ` (${meta.scaler?.kind ?? 'unscaled'} scaled values in and out)`) +
      (state ? `; streaming: state in ${state.inputs.join(', ')}, out ${state.outputs.join(', ')}, each [${layers}, batch, ${hiddenSize}]` : ''),
    graph,
    metadataProps: metadataProps(fullMeta),
  });
  // protobufjs returns small encodings as views of one shared, reused slab: copy, so callers own
  // their bytes (transferring `.buffer` to another thread would otherwise detach the slab).
  return new Uint8Array(onnx.ModelProto.encode(proto).finish());
}

function valueInfo(name: string, dims: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}
