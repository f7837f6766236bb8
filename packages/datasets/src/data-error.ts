/**
 * A problem with input data, reported as one line that says where it is,
 * what is wrong and how to fix it:
 * `prices.csv:57: "abc" in column Close is not a number; fix the value or remove the row`.
 */
export class DataError extends Error {
  /** Always "DataError", for instanceof-free checks. */
  override readonly name = 'DataError';
  /** The file (or source name) the data came from. */
  readonly file: string;
  /** 1-based line number in `file`, when the problem is on one line. */
  readonly line?: number;
  /** What is wrong, without location or fix. */
  readonly problem: string;
  /** What the user should do about it. */
  readonly fix: string;
  /**
   * The settings the message names, by their option names (`testSize`, `seqLength`), the one at fault
   * first: an app words them its own way (the CLI's `--test-size`, a form's field label).
   */
  readonly settings: string[];

  /** Builds the one-line message `${file}:${line}: ${problem}; ${fix}` (no `:${line}` without a line). */
  constructor(file: string, line: number | undefined, problem: string, fix: string, settings: string[] = []) {
    const where = line === undefined ? file : `${file}:${line}`;
    // Keep the message on one line even if a quoted cell smuggles in a newline.
    super(`${where}: ${problem}; ${fix}`.replace(/[\r\n]+/g, ' '));
    this.file = file;
    this.line = line;
    this.problem = problem;
    this.fix = fix;
    this.settings = settings;
  }

  /** The setting at fault (`testSize`), if the problem is a setting's. */
  get setting(): string | undefined {
    return this.settings[0];
  }
}
