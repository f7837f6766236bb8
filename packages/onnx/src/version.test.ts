import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { RNNKIT_VERSION } from './version.js';

// version.ts is a constant so that the browser build needs no package.json: keep it in step
// when changesets bumps the version.
it('RNNKIT_VERSION is the package version', () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(RNNKIT_VERSION).toBe(version);
});
