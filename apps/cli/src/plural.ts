/** "1 epoch", "2 epochs", "2 trial processes": a count with its noun in the right number (regular plurals; -s, -x, -ch, -sh take -es). */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : /(s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`}`;
}
