/** Prints a command's help text and returns exit code 0: `if (values.help) return printHelp(X_HELP);`. */
export function printHelp(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
