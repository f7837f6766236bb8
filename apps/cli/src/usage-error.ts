/** A wrong flag or value on the command line: exit code 2, one line, and where to read more. */
export class UsageError extends Error {
  override name = 'UsageError';
}
