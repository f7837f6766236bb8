import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// The README's example runs as written (vitest transpiles the TypeScript; the package imports itself).
it('README example runs', async () => {
  const code = /```ts\n([\s\S]*?)```/.exec(readFileSync(new URL('../README.md', import.meta.url), 'utf8'))?.[1];
  expect(code).toBeTruthy();
  const dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));
  try {
    writeFileSync(join(dir, 'example.ts'), code!);
    await import(join(dir, 'example.ts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
