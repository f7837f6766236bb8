// After tsc: (1) dist/tfjs-gradients.cjs, tfjs-core's gradient definitions (register_all_gradients)
// as one CommonJS file for Node. tfjs-core's Node bundle leaves them out (the full @tensorflow/tfjs
// bundle carries them) and Node cannot load its per-file ESM build; browsers and bundlers import
// them from tfjs-core directly (src/tfjs.ts). The copies of tfjs-core internals in the file share
// tfjs's one engine and gradient registry through its globals, as @tensorflow/tfjs's copies do.
// (2) The declarations name ./tfjs.js instead of "#tfjs" (package.json "imports", which picks
// tfjs.node.js in Node), so that every TypeScript resolution mode finds them.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const entry = `${dist}.gradients-entry.js`;
mkdirSync(dist, { recursive: true });
writeFileSync(entry, "import '@tensorflow/tfjs-core/dist/register_all_gradients.js';\n");
try {
  await build({ input: entry, cwd: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'warn', output: { file: `${dist}tfjs-gradients.cjs`, format: 'cjs' } });
} finally {
  rmSync(entry, { force: true });
}

for (const file of readdirSync(dist).filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(dist + file, 'utf8');
  const fixed = text.replaceAll("from '#tfjs';", "from './tfjs.js';");
  if (fixed !== text) writeFileSync(dist + file, fixed);
}
