// Shared by the packages' readme.test.ts: runs the first ```ts block of a README as written
// (vitest transpiles it; the file sits inside the package so that it can import the package itself).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function runReadmeExample(packageDir: URL): Promise<void> {
  const code = /```ts\n([\s\S]*?)```/.exec(readFileSync(new URL('README.md', packageDir), 'utf8'))?.[1];
  if (!code) throw new Error(`no \`\`\`ts example in ${packageDir.pathname}README.md`);
  const dir = mkdtempSync(join(new URL('src/', packageDir).pathname, '.readme-'));
  try {
    writeFileSync(join(dir, 'example.ts'), code);
    await import(join(dir, 'example.ts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
