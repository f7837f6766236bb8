/**
 * Splits one CSV line into cells. Double-quoted cells may contain the
 * delimiter and `""` for a literal quote. Returns undefined when the
 * quotes are unbalanced or text follows a closing quote.
 */
export function splitCsvLine(line: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let j = i;
    while (line[j] === ' ' || line[j] === '\t') j++;
    if (line[j] !== '"') {
      const end = line.indexOf(delimiter, i);
      if (end < 0) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, end));
      i = end + 1;
      continue;
    }
    let value = '';
    j++;
    for (;;) {
      const q = line.indexOf('"', j);
      if (q < 0) return undefined;
      value += line.slice(j, q);
      j = q + 1;
      if (line[j] !== '"') break;
      value += '"';
      j++;
    }
    while (line[j] === ' ' || line[j] === '\t') j++;
    cells.push(value);
    if (j === line.length) return cells;
    if (line[j] !== delimiter) return undefined;
    i = j + 1;
  }
}

/** Picks `;` or `,` for a header line: whichever occurs more often outside quotes (`,` on a tie). */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
