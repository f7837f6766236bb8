/**
 * A PyTorch state dict of `rnn = nn.RNN/LSTM/GRU(…)` + `head = nn.Linear(…)` under rnnkit's names:
 * LSTM and GRU keep PyTorch's; the RNN has the tutorial's (`w_x`, `w_h`, `l{k}.`, `l{k}_reverse.`, `w_y`).
 */
export function torchToRnnkit<V>(cell: string, dict: Record<string, V>): Record<string, V> {
  if (cell !== 'rnn') return dict;
  const out: Record<string, V> = {};
  for (const [name, value] of Object.entries(dict)) {
    const m = /^rnn\.(weight|bias)_(ih|hh)_l(\d+)(_reverse)?$/.exec(name);
    const rnnkit = m
      ? `${m[4] ? `l${m[3]}_reverse.` : m[3] === '0' ? '' : `l${m[3]}.`}${m[2] === 'ih' ? 'w_x' : 'w_h'}.${m[1]}`
      : name.replace(/^head\./, 'w_y.');
    out[rnnkit] = value;
  }
  return out;
}
