// Reads the backtest's own controls (folds, test size, horizon, target transform, interval).
import type { TargetTransform } from '@rnnkit/forecast';

export interface BacktestSettings {
  folds: number;
  testSize: number;
  horizon: number;
  targetTransform: TargetTransform;
  interval: number | null;
}

const whole = (min: number, max: number) => (v: string) => (/^\d+$/.test(v) && +v >= min && +v <= max ? null : `a whole number from ${min} to ${max}`);
const CHECKS: Record<string, (v: string) => string | null> = { folds: whole(1, 50), testSize: whole(2, 1000), horizon: whole(1, 30) };

/** The settings when every control is valid; otherwise null, with each bad control marked and a message. */
export function readBacktestControls(form: HTMLFormElement, errorBox: HTMLElement): BacktestSettings | null {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
  const problems: string[] = [];
  for (const [name, check] of Object.entries(CHECKS)) {
    const input = form.elements.namedItem(name) as HTMLInputElement;
    const problem = check(value(name));
    input.setAttribute('aria-invalid', String(problem !== null));
    input.setCustomValidity(problem ?? '');
    if (problem) problems.push(`${input.closest('label')?.firstChild?.textContent?.trim() ?? name} must be ${problem}`);
  }
  if (!problems.length && +value('horizon') >= +value('testSize')) problems.push('the horizon must be below the test size');
  errorBox.textContent = problems.join('; ');
  errorBox.hidden = problems.length === 0;
  if (problems.length) return null;
  return {
    folds: +value('folds'), testSize: +value('testSize'), horizon: +value('horizon'),
    targetTransform: value('targetTransform') as TargetTransform,
    interval: value('interval') === 'none' ? null : +value('interval'),
  };
}
