import type { CalendarFeature } from './calendar.js';
import type { InputTransform } from './input-transform.js';
import type { TargetTransform } from './target-transform.js';

/** The settings a recipe fixes; each can still be set one by one. */
export interface RecipeSettings {
  /** Scaler of the inputs. */
  scaler: 'minmax' | 'standard' | 'none';
  /** What the model learns. */
  targetTransform: TargetTransform;
  /** What the model sees of the feature columns. */
  inputTransform: InputTransform;
  /** Calendar covariates (none in either recipe: the data decides whether they carry a signal). */
  calendar: CalendarFeature[];
  /** Hidden units. */
  hidden: number;
  /** Epochs (the most, with early stopping). */
  epochs: number;
  /** Learning rate. */
  lr: number;
  /** The optimizer. */
  optimizer: 'sgd' | 'adam';
  /** Share of the training windows, the last ones, held out for early stopping (0: none). */
  validation: number;
  /** Epochs without a lower held-out MSE before stopping (null: run every epoch). */
  patience: number | null;
}

/** Named recipes: `tutorial` (the tutorial's settings, `train`'s default) and `forecast` (`backtest`'s and `sweep`'s default). */
export type RecipeName = 'tutorial' | 'forecast';

/** The recipes, for flag parsing and help texts. */
export const RECIPE_NAMES: readonly RecipeName[] = ['tutorial', 'forecast'];

/**
 * `tutorial`: min-max scaled price levels in, the next Close out, 100 epochs of SGD: it reproduces the
 * tutorial, and cannot learn changes (a day's change is a few thousandths of the scaled range).
 * `forecast`: log returns and the log gap to the 200-day mean in (standardized), the log return out, Adam at lr 0.003,
 * and early stopping on the last 20% of the training windows (at most 600 epochs, patience 50): tuned on the synthetic
 * suite (AR(1) returns, weekday pattern, OU price, random walk; README "Forecasts with power").
 */
export const RECIPES: Readonly<Record<RecipeName, Readonly<RecipeSettings>>> = {
  tutorial: { scaler: 'minmax', targetTransform: 'none', inputTransform: 'level', calendar: [], hidden: 10, epochs: 100, lr: 0.005, optimizer: 'sgd', validation: 0, patience: null },
  forecast: { scaler: 'standard', targetTransform: 'logret', inputTransform: 'logret+ma200', calendar: [], hidden: 8, epochs: 600, lr: 0.003, optimizer: 'adam', validation: 0.2, patience: 50 },
};
