import { parseFlags } from './parse-flags.js';

/**
 * One flag of a command. Its parsing (node:util parseArgs), its default and its `--help` line all
 * come from this one entry, so a default is written once and adding a flag is adding an entry.
 */
export interface Flag {
  /** How the value reads in the help ('<n>', 'FROM:TO'); none: a switch (true when given). */
  readonly value?: string;
  readonly short?: string;
  /** The value when the flag is not given, as it would be typed. */
  readonly default?: string;
  /** The help text; `{default}` stands for the default. Lines after the first continue under it. */
  readonly help: string;
  /** The heading of the help section the flag is listed in (none: listed without a heading). */
  readonly section?: string;
}

export type FlagTable = Readonly<Record<string, Flag>>;

/** The parsed values: a value flag with a default is always a string, a switch always a boolean. */
export type FlagValues<T extends FlagTable> = {
  -readonly [K in keyof T]: T[K] extends { value: string } ? (T[K] extends { default: string } ? string : string | undefined) : boolean;
};

/** Parses args against the table (strict: an unknown flag is a UsageError) and fills in the defaults. */
export function parseTable<T extends FlagTable>(args: string[], table: T, positionals = 0) {
  const options = Object.fromEntries(
    Object.entries(table).map(([name, f]) => [name, f.value === undefined ? { type: 'boolean' as const, ...(f.short ? { short: f.short } : {}) } : { type: 'string' as const, ...(f.short ? { short: f.short } : {}) }]),
  );
  const parsed = parseFlags(args, options, positionals);
  const raw = parsed.values as Record<string, string | boolean | undefined>;
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, f] of Object.entries(table)) values[name] = raw[name] ?? (f.value === undefined ? false : f.default);
  /** The flags given on the command line (the rest hold their defaults). */
  const given = new Set(Object.keys(raw).filter((k) => raw[k] !== undefined)) as Set<keyof T & string>;
  return { values: values as FlagValues<T>, given, positionals: parsed.positionals };
}

/**
 * The flag lines of a command's --help: `--name <value>` padded to `width` (or on a line of its own), then the help text with its
 * default filled in; grouped under their section headings, in sectionOrder and then as they first appear.
 */
export function flagHelp(table: FlagTable, width: number, sectionOrder: string[] = []): string {
  const sections = new Map<string, string[]>(sectionOrder.map((title) => [title, []]));
  for (const [name, f] of Object.entries(table)) {
    const label = `${f.short ? `-${f.short}, ` : ''}--${name}${f.value ? ` ${f.value}` : ''}`;
    const [first, ...more] = f.help.replaceAll('{default}', f.default ?? '').split('\n');
    const indent = ' '.repeat(width + 2);
    // A label too long for its column gets a line of its own.
    const head = label.length < width ? [`  ${label.padEnd(width)}${first}`] : [`  ${label}`, `${indent}${first}`];
    const lines = [...head, ...more.map((l) => `${indent}${l}`)];
    const key = f.section ?? '';
    sections.set(key, [...(sections.get(key) ?? []), ...lines]);
  }
  return [...sections].filter(([, lines]) => lines.length > 0).map(([title, lines]) => (title ? [title, ...lines] : lines).join('\n')).join('\n\n');
}

/** The table without the named flags (a command that sets those itself). */
export function without<T extends FlagTable, K extends keyof T>(table: T, ...names: K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(table).filter(([name]) => !names.includes(name as K))) as Omit<T, K>;
}

/** The -h, --help switch every command has. */
export const HELP_FLAG = { help: { short: 'h', help: 'show this help' } } as const satisfies FlagTable;
