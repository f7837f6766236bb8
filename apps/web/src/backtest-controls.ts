// Reads the backtest's own controls (recipe and the settings it decides, folds, test size, interval);
// the rest (cell, layers, target, horizon, days per window, batch size, seed, dates) are the training form's.
import { type Check, controlValue, markControls, showProblems, wholeNumber } from './form-checks.js';
import { readRecipeFields, type RecipeControls } from './recipe-fields.js';

/** The backtest form's control names start with this (btHidden), apart from the training form's. */
export const BACKTEST_PREFIX = 'bt';

export interface BacktestSettings extends RecipeControls {
  folds: number;
  testSize: number;
  interval: number | null;
}

const CHECKS: Record<string, Check> = { folds: wholeNumber(1, 50), testSize: wholeNumber(2, 1000) };

/** The settings when every control is valid (the horizon is the training form's); otherwise null, with each bad control marked and a message. */
export function readBacktestControls(form: HTMLFormElement, errorBox: HTMLElement, horizon: number): BacktestSettings | null {
  const value = (name: string) => controlValue(form, name);
  const recipe = readRecipeFields(form, BACKTEST_PREFIX);
  const problems = [...recipe.problems, ...markControls(form, CHECKS)];
  // rnnkit backtest's "--horizon 3 must be below --test-size 2", in the form's words.
  if (!problems.length && horizon >= +value('testSize')) problems.push(`the horizon (${horizon} days, under Model and training) must be below the test size`);
  if (!showProblems(errorBox, problems)) return null;
  return {
    ...recipe.settings!,
    folds: +value('folds'), testSize: +value('testSize'),
    interval: value('interval') === 'none' ? null : +value('interval'),
  };
}
