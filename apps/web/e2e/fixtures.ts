// Shared pieces of the e2e specs: where things are, the served site, a guard that refuses every
// request leaving 127.0.0.1 and collects console and page errors, and page helpers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { serve } from './static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = path.resolve(HERE, '..');
export const REPO_ROOT = path.resolve(WEB_DIR, '../..');
export const DIST = path.resolve(process.env.RNNKIT_E2E_DIST || path.join(WEB_DIR, 'dist'));
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const TRAIN_TIMEOUT_MS = 120_000;

/** What the guard saw: requests it refused, console errors, uncaught page errors. */
export interface Guard {
  blocked: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

const isAllowedUrl = (raw: string): boolean => {
  try {
    const u = new URL(raw);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
    return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
};

/** Refuses every request that leaves localhost and records console errors and uncaught errors of `page`. */
export async function guard(context: BrowserContext, page: Page): Promise<Guard> {
  const g: Guard = { blocked: [], consoleErrors: [], pageErrors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url)) return route.continue();
    g.blocked.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (m) => m.type() === 'error' && g.consoleErrors.push(`${m.text()} at ${m.location().url}:${m.location().lineNumber}`));
  page.on('pageerror', (e) => g.pageErrors.push(e.message.split('\n')[0]!));
  return g;
}

/** The site served from dist/ on 127.0.0.1 (once per worker), and a guarded page for each test. */
export const test = base.extend<{ guarded: Guard }, { site: { url: string } }>({
  site: [async ({}, use) => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${path.join(DIST, 'index.html')} not found: build first (pnpm exec turbo run build --filter=@rnnkit/web...)`);
    const server = await serve(DIST);
    await use({ url: server.url });
    await server.close();
  }, { scope: 'worker' }],
  guarded: async ({ context, page }, use) => {
    const g = await guard(context, page);
    await use(g);
    expect(g, 'no request left localhost, no console error, no uncaught page error').toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });
  },
});
export { expect };

/** Waits for the backend line to name a tfjs backend. */
export async function waitForBackend(page: Page): Promise<string> {
  await expect(page.getByTestId('backend')).toHaveText(/\b(webgl|wasm|cpu)\b/i, { timeout: 60_000 });
  return (await page.getByTestId('backend').textContent()) ?? '';
}

/** Sets a control by test id (fill for inputs, selectOption for selects) and leaves it. */
export async function setControl(page: Page, id: string, value: string): Promise<void> {
  const el = page.getByTestId(id);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
  else await el.fill(value);
  await el.press('Tab');
}

/** Trains with the current controls and waits for "done after N epochs" (an error message fails at once). */
export async function trainNow(page: Page, epochs: number): Promise<string> {
  await page.getByTestId('train-button').click();
  const handle = await page.waitForFunction((n) => {
    const error = document.querySelector<HTMLElement>('[data-testid="error"]');
    if (error && !error.hidden && error.textContent!.trim()) return { error: error.textContent!.trim() };
    const text = document.querySelector('[data-testid="progress-text"]')?.textContent ?? '';
    return text.startsWith(`done after ${n} epochs`) && { text };
  }, epochs, { timeout: TRAIN_TIMEOUT_MS, polling: 250 });
  const end = (await handle.jsonValue()) as { error?: string; text?: string };
  if (end.error) throw new Error(`training failed: ${end.error}`);
  return end.text!;
}

/** Clicks a download button (it must be enabled) and returns the file's name and bytes; keeps a copy in e2e/artifacts. */
export async function downloadFrom(page: Page, id: string, keepAs?: string): Promise<{ name: string; bytes: Buffer }> {
  await expect(page.getByTestId(id)).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(id).click()]);
  expect(await download.failure()).toBeNull();
  const file = path.join(ARTIFACTS, keepAs ?? download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** The canvases inside a test-id element (or the element itself): the most drawn one's size and drawn share. */
export async function inspectCanvas(page: Page, id: string): Promise<{ width: number; height: number; fraction: number }> {
  return page.evaluate((id) => {
    const host = document.querySelector(`[data-testid="${id}"]`)!;
    const canvases = host instanceof HTMLCanvasElement ? [host] : [...host.querySelectorAll('canvas')];
    const out = canvases.map((c) => {
      if (c.width === 0 || c.height === 0) return { width: c.width, height: c.height, fraction: 0 };
      const scratch = document.createElement('canvas');
      scratch.width = c.width;
      scratch.height = c.height;
      const ctx = scratch.getContext('2d')!;
      ctx.drawImage(c, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && !(data[i]! >= 250 && data[i + 1]! >= 250 && data[i + 2]! >= 250)) n++;
      return { width: c.width, height: c.height, fraction: n / (c.width * c.height) };
    });
    out.sort((a, b) => b.fraction - a.fraction);
    return out[0] ?? { width: 0, height: 0, fraction: 0 };
  }, id);
}

/** Polls until the chart of `id` has a canvas over 100×100 with more than 1% drawn. */
export async function expectDrawn(page: Page, id: string): Promise<void> {
  await expect.poll(async () => {
    const c = await inspectCanvas(page, id);
    return c.width > 100 && c.height > 100 && c.fraction > 0.01;
  }, { message: `${id} draws a canvas > 100×100 with > 1% drawn`, timeout: 15_000 }).toBe(true);
}

/** A synthetic OHLC CSV of `n` weekdays from 2021-01-04, and its dates. */
export function syntheticCsv(n: number): { csv: string; dates: string[] } {
  const dates: string[] = [];
  const lines = ['Date,Open,High,Low,Close'];
  let close = 100;
  for (let t = Date.UTC(2021, 0, 4); dates.length < n; t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const open = close;
    close = 100 + 10 * Math.sin(dates.length / 8) + 0.1 * dates.length;
    dates.push(day.toISOString().slice(0, 10));
    lines.push(`${dates.at(-1)},${open.toFixed(2)},${(Math.max(open, close) + 1).toFixed(2)},${(Math.min(open, close) - 1).toFixed(2)},${close.toFixed(2)}`);
  }
  return { csv: `${lines.join('\n')}\n`, dates };
}

/** Values of the four date controls. */
export async function dateControls(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ['train-from', 'train-to', 'test-from', 'test-to']) out[id] = await page.getByTestId(id).inputValue();
  return out;
}

/** The paths where two JSON values differ by more than `rel` (numbers) or at all (anything else). */
export function closeNumbers(a: unknown, b: unknown, rel: number, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${at}: ${a} vs ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => closeNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], rel, `${at}.${k}`));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/**
 * metrics.json from the page and from `rnnkit train`, as texts that must be equal: msPerEpoch and
 * config.out set equal, and the figures that go through Math.log/exp/pow, whose last bits differ between
 * Node's V8 and Chromium's (e2e/README.md): the AR baseline and every DM p-value, each first checked
 * within 1e-12 relative (`problems`) and then set to the CLI's.
 */
export function equalisedMetrics(page: Record<string, any>, cli: Record<string, any>): { problems: string[]; page: string; cli: string } {
  const isAr = (b: { name: string }) => b.name.startsWith('AR(');
  const cliAr = cli.baselines.find(isAr);
  const pValues = (m: unknown) => JSON.stringify(m).match(/"pValue":[^,}]+/g)!.map((t) => Number(t.slice(9)));
  const problems = [...closeNumbers(page.baselines.find(isAr), cliAr, 1e-12), ...closeNumbers(pValues(page), pValues(cli), 1e-12)];
  const cliP = pValues(cli);
  const text = (m: Record<string, any>) => {
    let i = 0;
    const e = JSON.parse(JSON.stringify(m).replace(/"pValue":[^,}]+/g, () => `"pValue":${JSON.stringify(cliP[i++])}`));
    return `${JSON.stringify({ ...e, msPerEpoch: 0, config: { ...e.config, out: null }, baselines: e.baselines.map((b: { name: string }) => (isAr(b) ? cliAr : b)) }, null, 2)}\n`;
  };
  return { problems, page: text(page), cli: text(cli) };
}
