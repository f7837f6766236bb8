// The tutorial's RNN module names its parameters w_x, w_h, w_y; inside, rnnkit's RNN has PyTorch's
// nn.RNN names. These two maps are the only place the two meet: a SequenceRegressor's state dict
// (weights.json) keeps the tutorial's names, everything below it PyTorch's.

const TORCH = /^rnn\.(weight|bias)_(ih|hh)_l(\d+)(_reverse)?$/;
const TUTORIAL = /^(?:l(\d+)(_reverse)?\.)?w_(x|h)\.(weight|bias)$/;

/** A PyTorch name of an rnn SequenceRegressor (`rnn.weight_ih_l1`) as the tutorial's (`l1.w_x.weight`); `head.*` is `w_y.*`. */
export function tutorialName(name: string): string {
  const m = TORCH.exec(name);
  if (!m) return name.replace(/^head\./, 'w_y.');
  const [, kind, side, k, reverse] = m;
  const prefix = reverse ? `l${k}_reverse.` : k === '0' ? '' : `l${k}.`;
  return `${prefix}w_${side === 'ih' ? 'x' : 'h'}.${kind}`;
}

/** The inverse of `tutorialName`: `l1.w_x.weight` → `rnn.weight_ih_l1`, `w_y.*` → `head.*`. */
export function torchName(name: string): string {
  const m = TUTORIAL.exec(name);
  if (!m) return name.replace(/^w_y\./, 'head.');
  const [, k, reverse, side, kind] = m;
  return `rnn.${kind}_${side === 'x' ? 'ih' : 'hh'}_l${k ?? 0}${reverse ? '_reverse' : ''}`;
}
