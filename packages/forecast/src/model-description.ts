/** What a model's one-line description reads: its cell, width, depth and variant. */
export interface DescribedModel {
  /** The recurrent cell, e.g. 'gru'. */
  cell: string;
  /** Hidden units per layer ('?' where a record does not say). */
  hidden: number | string;
  /** Stacked recurrent layers. */
  layers: number;
  /** Runs each layer over the reversed sequence too. */
  bidirectional?: boolean;
  /** RNN only: 'relu' is named, 'tanh' (the default) is not. */
  nonlinearity?: string;
}

/**
 * The one description of a model's shape, e.g. "GRU 4→32→1 × 2 layers" or "bidirectional relu RNN 4→10→1 × 1 layer":
 * the cell, inputs per step, hidden units, outputs and layers, as rnnkit train, backtest and verify print it.
 */
export function describeModel(model: DescribedModel, inputs: number, outputs = 1): string {
  const variant = [model.bidirectional ? 'bidirectional ' : '', model.nonlinearity === 'relu' ? 'relu ' : ''].join('');
  return `${variant}${model.cell.toUpperCase()} ${inputs}→${model.hidden}→${outputs} × ${model.layers} layer${model.layers === 1 ? '' : 's'}`;
}
