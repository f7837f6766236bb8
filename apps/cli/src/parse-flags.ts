import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from './did-you-mean.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, its errors turned into one-line UsageErrors. */
export function parseFlags<O extends Options>(args: string[], options: O, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: negativeValuesJoined(args, options), options, strict: true, allowPositionals: positionals > 0 });
  } catch (err) {
    let message = (err as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
    const meant = unknown === undefined ? undefined : closest(unknown, Object.keys(options));
    if (meant) message += `; did you mean --${meant}?`;
    throw new UsageError(message);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  return parsed;
}

/**
 * parseArgs takes the "-5" of "--epochs -5" for an option and calls the flag ambiguous; joined as
 * "--epochs=-5" the value reaches the flag's own parser, which says what the flag must be.
 */
function negativeValuesJoined(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') return [...joined, ...args.slice(i)];
    const takesValue = arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}
