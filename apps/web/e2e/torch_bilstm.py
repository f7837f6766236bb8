#!/usr/bin/python3
"""Writes a PyTorch bidirectional LSTM, torch.onnx.export'ed with dynamic seq and batch dims, to argv[1].
Exits 3 when torch is not importable (the e2e test then skips the case and says why)."""
import sys, warnings

warnings.filterwarnings('ignore')
try:
    import torch
    from torch import nn
except Exception as err:  # noqa: BLE001
    print(f'torch not importable: {err}', file=sys.stderr)
    sys.exit(3)

torch.manual_seed(0)
model = nn.LSTM(3, 4, bidirectional=True).eval()
x = torch.randn(5, 2, 3)
torch.onnx.export(model, (x,), sys.argv[1], opset_version=13, input_names=['input'], output_names=['output', 'h_n', 'c_n'],
                  dynamic_axes={'input': {0: 'seq', 1: 'batch'}, 'output': {0: 'seq', 1: 'batch'}, 'h_n': {1: 'batch'}, 'c_n': {1: 'batch'}})
