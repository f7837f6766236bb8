// Speed and exactness of the page's default run against `rnnkit train` on the same machine.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The CLI's default run (the tutorial's): its ms/epoch and final loss. */
export async function cliDefaultRun(repoRoot) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnkit-e2e-cli-'));
  fs.rmSync(out, { recursive: true });
  const bin = path.join(repoRoot, 'apps/cli/dist/bin.js');
  if (!fs.existsSync(bin)) throw new Error(`${bin} not found: build the CLI (pnpm --filter @rnnkit/cli... build)`);
  try {
    const { stdout } = await run(process.execPath, [bin, 'train', '--json', '--quiet', '--out', out], { cwd: repoRoot, timeout: 120_000 });
    const json = JSON.parse(stdout);
    return { msPerEpoch: json.msPerEpoch, finalLoss: json.finalLoss, epochs: json.epochs };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Trains the page's defaults (a fresh load) and reads ms/epoch from progress-text, the loss from loss-chart. */
export async function pageDefaultRun(page, timeoutMs) {
  await page.getByTestId('train-button').click();
  const handle = await page.waitForFunction(
    () => {
      const error = document.querySelector('[data-testid="error"]');
      if (error && !error.hidden && error.textContent.trim()) return { error: error.textContent.trim() };
      const text = document.querySelector('[data-testid="progress-text"]')?.textContent ?? '';
      const last = document.querySelector('[data-testid="loss-chart"]')?.dataset.lastLoss;
      return text.startsWith('done after') && last !== undefined && { text, last };
    },
    null,
    { timeout: timeoutMs, polling: 100 },
  );
  const end = await handle.jsonValue();
  if (end.error) throw new Error(`training failed: ${end.error}`);
  const ms = /([\d.]+) ms\/epoch/.exec(end.text);
  if (!ms) throw new Error(`no "ms/epoch" in ${JSON.stringify(end.text)}`);
  return { text: end.text, msPerEpoch: Number(ms[1]), finalLoss: Number(end.last) };
}
