// Reads the backtest's own controls (folds, test size, interval); the rest are the training form's.
import { type Check, controlValue, markControls, showProblems, wholeNumber } from './form-checks.js';

export interface BacktestSettings {
  folds: number;
  testSize: number;
  interval: number | null;
}

const CHECKS: Record<string, Check> = { folds: wholeNumber(1, 50), testSize: wholeNumber(2, 1000) };

/** The settings when every control is valid (the horizon is the training form's); otherwise null, with each bad control marked and a message. */
export function readBacktestControls(form: HTMLFormElement, errorBox: HTMLElement, horizon: number): BacktestSettings | null {
  const value = (name: string) => controlValue(form, name);
  const problems = markControls(form, CHECKS);
  // rnnkit backtest's "--horizon 3 must be below --test-size 2", in the form's words.
  if (!problems.length && horizon >= +value('testSize')) problems.push(`the horizon (${horizon} days, under Model and training) must be below the test size`);
  if (!showProblems(errorBox, problems)) return null;
  return {
    folds: +value('folds'), testSize: +value('testSize'),
    interval: value('interval') === 'none' ? null : +value('interval'),
  };
}
