export { RNNCell, type RNNCellOptions } from './rnn-cell.js';
export { RNN, type RNNOptions, type RNNOutput } from './rnn.js';
export { LSTM, GRU, type GatedRecurrentOptions } from './gated-recurrent.js';
export { LSTMCell, GRUCell } from './gated-cells.js';
export { lstmStep, gruStep } from './gates.js';
export type { CellType, RecurrentCore, RecurrentOutput } from './recurrent-core.js';
export { SequenceRegressor, type SequenceRegressorConfig } from './sequence-regressor.js';
export { fit, type FitOptions, type EpochInfo, type TrainingData, type Trainable } from './fit.js';
export { DivergenceError } from './divergence-error.js';
