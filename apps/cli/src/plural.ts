/** "1 epoch", "2 epochs", "0 epochs": a count with its noun in the right number (regular plurals only). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
