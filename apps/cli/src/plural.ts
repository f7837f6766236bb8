/** "1 epoch", "2 epochs", "2 trial processes": a count with its noun in the right number (regular plurals; -s, -x, -sh take -es; "epoch"'s hard ch does not). */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : /(s|x|sh)$/.test(noun) ? `${noun}es` : `${noun}s`}`;
}
