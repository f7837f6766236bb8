/** "1 epoch", "2 epochs", "2 trial processes": a count with its noun in the right number (regular plurals; -s, -x, -sh, -tch take -es). */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : /(s|x|sh|tch)$/.test(noun) ? `${noun}es` : `${noun}s`}`;
}
