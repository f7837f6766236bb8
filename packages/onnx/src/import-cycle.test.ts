// importOnnx refuses a graph with a cycle in one line naming the cycle, in the reference evaluator's
// words (rnnkit verify / run), instead of "unsupported op" or a wrong-head message.
import { describe, expect, it } from 'vitest';
import { importOnnx } from './import-onnx.js';
import { buildModel, tensorProto } from './test-utils/onnx-model.js';

const rnnGraph = (extra: Parameters<typeof buildModel>[0]['nodes'], output: string) => buildModel({
  opset: 14,
  nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } }, ...extra],
  inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', 2] }], outputs: [{ name: output }],
  initializers: [tensorProto('w', 'float32', [1, 2, 2], [0.1, 0.2, 0.3, 0.4]), tensorProto('r', 'float32', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
});

describe('importOnnx of a graph with a cycle', () => {
  it('a dangling cycle of ops import does not know: the cycle, not "unsupported op"', () => {
    const bytes = rnnGraph([{ op: 'Add', name: 'c1', inputs: ['h', 'q'], outputs: ['p'] }, { op: 'Relu', name: 'c2', inputs: ['p'], outputs: ['q'] }], 'h');
    expect(() => importOnnx(bytes)).toThrow(/^the graph has a cycle: node "(c1|c2)" \((Add|Relu)\) → node "(c1|c2)" \((Add|Relu)\) → node "\1" \(\2\)$/);
  });

  it('a cycle through the head, of ops import knows: the cycle, not a wrong head', () => {
    const bytes = rnnGraph([
      { op: 'Add', name: 'out', inputs: ['h', 'q'], outputs: ['y'] },
      { op: 'Identity', name: 'back', inputs: ['y'], outputs: ['q'] },
    ], 'y');
    let message = '';
    try { importOnnx(bytes); } catch (err) { message = (err as Error).message; }
    expect(message).toMatch(/^the graph has a cycle: node "(out|back)" \((Add|Identity)\) → node "(out|back)" \((Add|Identity)\) → node "\1" \(\2\)$/);
    expect(message.split('\n')).toHaveLength(1);
  });
});
