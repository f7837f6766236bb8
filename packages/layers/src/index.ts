export { RNNCell, type RNNCellOptions } from './rnn-cell.js';
export { RNN, type RNNOptions, type RNNOutput } from './rnn.js';
export { SequenceRegressor, type SequenceRegressorConfig } from './sequence-regressor.js';
export { fit, type FitOptions, type EpochInfo, type TrainingData, type Trainable } from './fit.js';
export { DivergenceError } from './divergence-error.js';
