import { existsSync } from 'node:fs';

/** runs/<prefix><local timestamp>, with a suffix if two runs start in the same second. */
export function defaultOutDir(prefix = ''): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${prefix}${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
  let dir = `runs/${stamp}`;
  for (let i = 2; existsSync(dir); i++) dir = `runs/${stamp}-${i}`;
  return dir;
}
