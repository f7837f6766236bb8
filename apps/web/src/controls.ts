// Reads the training controls; an invalid value is refused at its control with a message. The recipe
// and the settings it decides are recipe-fields.ts's controls under their own names (hidden, calendar…).
import { type Check, controlValue, markControls, showProblems, wholeNumber } from './form-checks.js';
import type { WebTrainConfig } from './protocol.js';
import { readRecipeFields } from './recipe-fields.js';

/** The training form's recipe controls have no prefix: their names are the settings' (?recipe=forecast&calendar=dayofweek). */
export const TRAIN_PREFIX = '';
const batch: Check = (v) => (v === 'full' || (/^[1-9]\d*$/.test(v) && +v <= 100000) ? null : '"full" or a whole number ≥ 1');
const date: Check = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'a date');

const CHECKS: Record<string, Check> = {
  layers: wholeNumber(1, 8), horizon: wholeNumber(1, 30), seqLen: wholeNumber(1, 60), batchSize: batch, seed: wholeNumber(0, 2147483647),
  trainFrom: date, trainTo: date, testFrom: date, testTo: date,
};

/** The config when every control is valid; otherwise null, with each bad control marked. */
export function readControls(form: HTMLFormElement, errorBox: HTMLElement): WebTrainConfig | null {
  const value = (name: string) => controlValue(form, name);
  const recipe = readRecipeFields(form, TRAIN_PREFIX);
  const problems = [...recipe.problems, ...markControls(form, CHECKS)];
  if (!problems.length && value('trainFrom') > value('trainTo')) problems.push('the training dates end before they start');
  if (!problems.length && value('testFrom') > value('testTo')) problems.push('the test dates end before they start');
  if (!problems.length && value('trainTo') >= value('testFrom') && value('testTo') >= value('trainFrom')) problems.push('the training and test dates overlap');
  if (!showProblems(errorBox, problems)) return null;
  const batchSize = value('batchSize');
  return {
    ...recipe.settings!,
    cell: value('cell') as WebTrainConfig['cell'],
    layers: +value('layers'), target: value('target'), horizon: +value('horizon'), seqLen: +value('seqLen'),
    batchSize: batchSize === 'full' ? 'full' : +batchSize,
    seed: +value('seed'),
    interval: value('trainInterval') === 'none' ? null : +value('trainInterval'),
    train: { from: value('trainFrom'), to: value('trainTo') },
    test: { from: value('testFrom'), to: value('testTo') },
  };
}
