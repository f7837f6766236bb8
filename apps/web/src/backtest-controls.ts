// Reads the backtest's own controls (folds, test size, horizon, target transform, interval).
import type { TargetTransform } from '@rnnkit/forecast';
import { type Check, controlValue, markControls, showProblems, wholeNumber } from './form-checks.js';

export interface BacktestSettings {
  folds: number;
  testSize: number;
  horizon: number;
  targetTransform: TargetTransform;
  interval: number | null;
}

const CHECKS: Record<string, Check> = { folds: wholeNumber(1, 50), testSize: wholeNumber(2, 1000), horizon: wholeNumber(1, 30) };

/** The settings when every control is valid; otherwise null, with each bad control marked and a message. */
export function readBacktestControls(form: HTMLFormElement, errorBox: HTMLElement): BacktestSettings | null {
  const value = (name: string) => controlValue(form, name);
  const problems = markControls(form, CHECKS);
  if (!problems.length && +value('horizon') >= +value('testSize')) problems.push('the horizon must be below the test size');
  if (!showProblems(errorBox, problems)) return null;
  return {
    folds: +value('folds'), testSize: +value('testSize'), horizon: +value('horizon'),
    targetTransform: value('targetTransform') as TargetTransform,
    interval: value('interval') === 'none' ? null : +value('interval'),
  };
}
