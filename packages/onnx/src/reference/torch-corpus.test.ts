import { describeTorchCorpus } from '../test-utils/torch-corpus.js';

// torch.onnx.export of nn.RNN / nn.LSTM / nn.GRU (bidirectional, relu, 2 layers, batch_first, no
// bias, initial states) at opsets 9, 13 and 16, generated at test time by
// scripts/torch_recurrent_corpus.py, compared with PyTorch's own outputs and with onnxruntime-node.

describeTorchCorpus({
  title: 'reference evaluator on torch.onnx.export files',
  label: 'PyTorch corpus',
  script: 'torch_recurrent_corpus.py',
  covers: { title: 'covers RNN, LSTM and GRU at opsets 9, 13 and 16', files: 21, opsets: [9, 13, 16] },
  matches: { title: 'matches PyTorch and onnxruntime-node on every file', ops: (ops) => ops.has('RNN') || ops.has('LSTM') || ops.has('GRU') },
});
