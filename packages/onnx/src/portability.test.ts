import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatInspection, inspectOnnx } from './inspect-onnx.js';
import { buildModel, type Attr } from './test-utils/onnx-model.js';

// rnnkit inspect's portability warnings, one per finding, on small models built for each.
const recurrent = (op: string, attrs: Record<string, Attr>, inputs = ['x', 'w', 'r'], opset = 14) =>
  inspectOnnx(buildModel({
    opset,
    nodes: [{ op, name: 'core', inputs, outputs: ['y'], attrs: { hidden_size: 2, ...attrs } }],
    inputs: inputs.filter(Boolean).map((name) => ({ name, type: name === 's' ? 'int32' : 'float32' })),
    outputs: [{ name: 'y', type: 'float32' }],
  })).warnings;

describe('portability warnings', () => {
  it('layout=1', () => {
    expect(recurrent('RNN', { layout: 1 })).toEqual([expect.stringMatching(/^node "core" \(RNN\): layout=1 \(batch-major\): onnxruntime's CPU and wasm kernels refuse it/)]);
    expect(recurrent('RNN', { layout: 0 })).toEqual([]);
  });
  it('GRU linear_before_reset=0 (the default), not 1 as in PyTorch', () => {
    expect(recurrent('GRU', {})).toEqual([expect.stringMatching(/^node "core" \(GRU\): linear_before_reset=0, but PyTorch's nn.GRU/)]);
    expect(recurrent('GRU', { linear_before_reset: 1 })).toEqual([]);
  });
  it('sequence_lens, LSTM (onnxruntime-web WebGL), opsets newer than a reader', () => {
    expect(recurrent('RNN', {}, ['x', 'w', 'r', '', 's'])).toEqual([expect.stringMatching(/takes sequence_lens \("s"\)/)]);
    expect(recurrent('LSTM', {})).toEqual([expect.stringMatching(/^LSTM: onnxruntime-web's WebGL backend has no LSTM kernel/)]);
    expect(recurrent('RNN', {}, undefined, 18)).toEqual([expect.stringMatching(/^opset 18: newer than onnx 1.12/)]);
    expect(recurrent('RNN', {}, undefined, 23)).toEqual([expect.stringMatching(/^opset 23: newer than rnnkit's reference evaluator reads \(7 to 22\)/), expect.stringMatching(/^opset 23: newer than onnx 1.12/)]);
  });
  it('none for a torch.onnx.export GRU at opset 14, and the text lists them', () => {
    const torchGru = inspectOnnx(readFileSync(new URL('./fixtures/torch-gru.onnx', import.meta.url)));
    expect(torchGru.warnings).toEqual([]);
    expect(formatInspection(torchGru)).not.toContain('warnings');
    const info = inspectOnnx(readFileSync(new URL('../test-data/onnx-backend/test_simple_rnn_batchwise/model.onnx', import.meta.url)));
    expect(formatInspection(info)).toMatch(/\nwarnings   2\n  ! node #0 \(RNN\): layout=1[^\n]*\n  ! opset 22: [^\n]*$/);
  });
});


describe('the README\'s portability example', () => {
  it('a batch-major GRU with linear_before_reset=0 and sequence_lens gets one warning for each', () => {
    const info = inspectOnnx(readFileSync(new URL('./fixtures/gru-layout1-lbr0-seqlens.onnx', import.meta.url)));
    expect(info.warnings).toEqual([
      expect.stringMatching(/^node "gru" \(GRU\): layout=1 \(batch-major\)/),
      expect.stringMatching(/^node "gru" \(GRU\): linear_before_reset=0/),
      expect.stringMatching(/^node "gru" \(GRU\): takes sequence_lens \("sequence_lens"\)/),
    ]);
  });
});
