// The libraries name their settings (`testSize`, `seqLength`), which the web page and npm users see;
// the CLI says them as its flags. One entry per setting a library error may name.

/** Library setting → the CLI flag that sets it. */
export const SETTING_FLAGS: Readonly<Record<string, string>> = {
  testSize: '--test-size',
  seqLength: '--seq-len',
  horizon: '--horizon',
  interval: '--interval',
  trainSize: '--train-size',
  folds: '--folds',
  testRatio: '--test-ratio',
  'split.train': '--train-range',
  'split.test': '--test-range',
};

/** A library error's message with the settings it names (err.settings) said as the CLI's flags. */
export function inFlagTerms(message: string, settings: readonly string[]): string {
  const named = settings.filter((s) => SETTING_FLAGS[s] && s !== 'folds'); // "5 folds of 60 days" is prose
  if (named.length === 0) return message;
  const pattern = new RegExp(`(?<![\\w.-])(${named.map((s) => s.replace('.', '\\.')).join('|')})(?![\\w-])`, 'g');
  return message.replace(pattern, (s) => SETTING_FLAGS[s]!);
}
