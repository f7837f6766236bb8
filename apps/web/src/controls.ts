// Reads the training controls; an invalid value is refused at its control with a message.
import { type Check, controlValue, markControls, showProblems, wholeNumber } from './form-checks.js';
import type { WebTrainConfig } from './protocol.js';

const positive: Check = (v) => (v.trim() !== '' && Number.isFinite(+v) && +v > 0 && +v <= 10 ? null : 'a number above 0 (at most 10)');
const batch: Check = (v) => (v === 'full' || (/^[1-9]\d*$/.test(v) && +v <= 100000) ? null : '"full" or a whole number ≥ 1');
const date: Check = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'a date');

const CHECKS: Record<string, Check> = {
  hidden: wholeNumber(1, 256), layers: wholeNumber(1, 8), horizon: wholeNumber(1, 30), seqLen: wholeNumber(1, 60), epochs: wholeNumber(1, 5000), lr: positive, batchSize: batch, seed: wholeNumber(0, 2147483647),
  trainFrom: date, trainTo: date, testFrom: date, testTo: date,
};

/** The config when every control is valid; otherwise null, with each bad control marked. */
export function readControls(form: HTMLFormElement, errorBox: HTMLElement): WebTrainConfig | null {
  const value = (name: string) => controlValue(form, name);
  const problems = markControls(form, CHECKS);
  if (!problems.length && value('trainFrom') > value('trainTo')) problems.push('the training dates end before they start');
  if (!problems.length && value('testFrom') > value('testTo')) problems.push('the test dates end before they start');
  if (!problems.length && value('trainTo') >= value('testFrom') && value('testTo') >= value('trainFrom')) problems.push('the training and test dates overlap');
  if (!showProblems(errorBox, problems)) return null;
  const batchSize = value('batchSize');
  return {
    cell: value('cell') as WebTrainConfig['cell'],
    hidden: +value('hidden'), layers: +value('layers'), target: value('target'),
    targetTransform: value('targetTransform') as WebTrainConfig['targetTransform'], horizon: +value('horizon'), seqLen: +value('seqLen'), epochs: +value('epochs'), lr: +value('lr'),
    optimizer: value('optimizer') as WebTrainConfig['optimizer'],
    batchSize: batchSize === 'full' ? 'full' : +batchSize,
    seed: +value('seed'),
    train: { from: value('trainFrom'), to: value('trainTo') },
    test: { from: value('testFrom'), to: value('testTo') },
  };
}
