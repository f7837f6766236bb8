import { describe, expect, it } from 'vitest';
import { formatInspection, inspectOnnx } from './inspect-onnx.js';
import { buildModel, tensorProto } from './test-utils/onnx-model.js';

describe('formatInspection', () => {
  it('sizes each list\'s name column to its longest name, so a long key never runs into its value', () => {
    const bytes = buildModel({
      opset: 14,
      nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'a_weight_with_a_rather_long_name', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 1 } }],
      inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', 1] }], outputs: [{ name: 'h' }],
      initializers: [tensorProto('a_weight_with_a_rather_long_name', 'float32', [1, 1, 1], [0.5]), tensorProto('r', 'float32', [1, 1, 1], [0.25])],
      metadata: { 'rnnkit.targetTransform': '"none"', 'k': 'v' },
    });
    const lines = formatInspection(inspectOnnx(bytes)).split('\n');
    expect(lines).toContain('  rnnkit.targetTransform  "none"');
    expect(lines).toContain(`  k${' '.repeat(23)}v`); // padded to the longest key (22) + 2
    expect(lines).toContain('  a_weight_with_a_rather_long_name  [1, 1, 1]');
    expect(lines).toContain(`  r${' '.repeat(33)}[1, 1, 1]`);
  });
});
