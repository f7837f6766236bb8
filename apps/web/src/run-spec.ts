// The library's spec fields of a page run's settings, as rnnkit's run-flags.ts inputSpec/trainingSpec
// build them from the flags: one place for the training run (train.worker.ts) and the backtest (backtest-job.ts).
import type { CalendarFeature, InputTransform, TrainingSettings } from '@rnnkit/forecast';
import type { WebTrainConfig } from './protocol.js';

/** The input side: the transform of the feature columns and the calendar covariates. */
export function inputSpecOf(c: WebTrainConfig): { inputTransform: InputTransform; calendar: CalendarFeature[] } {
  return { inputTransform: c.inputTransform, calendar: [...c.calendar] };
}

/** How to train: epochs, optimizer, batches, and early stopping when a validation share is set. */
export function trainingSpecOf(c: WebTrainConfig): TrainingSettings {
  return {
    epochs: c.epochs, lr: c.lr, optimizer: c.optimizer, batchSize: c.batchSize,
    ...(c.validation > 0 ? { validation: c.validation } : {}), ...(c.patience !== null ? { patience: c.patience } : {}),
  };
}
