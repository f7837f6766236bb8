import type { StateDict } from '@rnnkit/tensor';

/**
 * A PyTorch state dict of `rnn = nn.RNN/LSTM/GRU(…)` + `head = nn.Linear(…)` under rnnkit's names:
 * LSTM and GRU keep PyTorch's; the RNN has the tutorial's (`w_x`, `w_h`, `l{k}.`, `l{k}_reverse.`, `w_y`).
 */
export function torchToRnnkit(cell: string, dict: Record<string, unknown>): StateDict {
  if (cell !== 'rnn') return dict as StateDict;
  const out: StateDict = {};
  for (const [name, value] of Object.entries(dict)) {
    const m = /^rnn\.(weight|bias)_(ih|hh)_l(\d+)(_reverse)?$/.exec(name);
    const rnnkit = m
      ? `${m[4] ? `l${m[3]}_reverse.` : m[3] === '0' ? '' : `l${m[3]}.`}${m[2] === 'ih' ? 'w_x' : 'w_h'}.${m[1]}`
      : name.replace(/^head\./, 'w_y.');
    out[rnnkit] = value as StateDict[string];
  }
  return out;
}
