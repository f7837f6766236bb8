/**
 * Column names are compared the same way everywhere (the CSV reader, the series, the CLI's flags, the
 * ONNX metadata): case-insensitively and without surrounding spaces, so `--target close` reads `Close`.
 */
export function sameColumn(a: string, b: string): boolean {
  return columnKey(a) === columnKey(b);
}

/** The index of the column named `wanted` among `names` (compared as {@link sameColumn}), or -1. */
export function columnIndex(names: readonly string[], wanted: string): number {
  const key = columnKey(wanted);
  return names.findIndex((n) => columnKey(n) === key);
}

function columnKey(name: string): string {
  return name.trim().toLowerCase();
}
