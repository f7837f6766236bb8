import { describeTorchCorpus } from '../test-utils/torch-corpus.js';

// Recurrences written as Python loops (the tutorial's scratch Elman RNN, LSTM and GRU cells, an
// `if` in the body, a while loop with a break, a list of steps stacked), torch.jit.script +
// torch.onnx.export at opsets 13 and 16, generated at test time by scripts/torch_scripted_loops.py:
// ONNX Loop nodes with If and sequence ops inside, compared with PyTorch's own outputs and with
// onnxruntime-node.

describeTorchCorpus({
  title: 'reference evaluator on torch.jit.script loops',
  label: 'scripted loops',
  script: 'torch_scripted_loops.py',
  covers: { title: 'covers Elman, LSTM-cell, GRU-cell, if-in-body and while-break loops at opsets 13 and 16', files: 10, opsets: [13, 16] },
  matches: { title: 'every file is a Loop and matches PyTorch and onnxruntime-node', ops: (ops) => ops.has('Loop') },
});
