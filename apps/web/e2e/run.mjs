// End-to-end test of the rnnkit web page.
//
//   pnpm --filter @rnnkit/web build
//   pnpm --filter @rnnkit/web test:e2e        (runs: node e2e/run.mjs)
//
// Serves apps/web/dist (or $RNNKIT_E2E_DIST) on 127.0.0.1, drives Debian's
// Chromium with playwright-core, prints PASS/FAIL per check and a final
// "N passed, M failed" line; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIR = path.resolve(HERE, '..');
const DIST = path.resolve(process.env.RNNKIT_E2E_DIST || path.join(WEB_DIR, 'dist'));
const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROMIUM = process.env.RNNKIT_E2E_CHROMIUM || '/usr/bin/chromium';

const OVERALL_TIMEOUT_MS = Number(process.env.RNNKIT_E2E_TIMEOUT_MS) || 5 * 60_000;
const LOAD_TIMEOUT_MS = 30_000;
const BACKEND_TIMEOUT_MS = 60_000;
const TRAIN_TIMEOUT_MS = 120_000;
const CHART_TIMEOUT_MS = 15_000;
const DOWNLOAD_TIMEOUT_MS = 30_000;
const VERIFY_TIMEOUT_MS = 60_000;
const ERROR_TIMEOUT_MS = 10_000;
const EPOCHS = 20;

// ---------------------------------------------------------------- reporting

const results = [];
let finished = false; // set once the summary is printed (e.g. by the overall timeout): no more output
function pass(name, detail = '') {
  if (finished) return;
  results.push({ name, ok: true });
  console.log(`PASS  ${name}${detail ? ' — ' + detail : ''}`);
}
function fail(name, detail = '') {
  if (finished) return;
  results.push({ name, ok: false });
  console.log(`FAIL  ${name}${detail ? ' — ' + detail : ''}`);
}
function info(msg) {
  if (finished) return;
  console.log(`      ${msg}`);
}
function summarize() {
  if (finished) return 1;
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  finished = true;
  return failed;
}

/** Run one check; any thrown error becomes a FAIL with its message. Returns true on PASS. */
async function check(name, fn) {
  try {
    const detail = await fn();
    pass(name, typeof detail === 'string' ? detail : '');
    return true;
  } catch (err) {
    fail(name, oneLine(err));
    return false;
  }
}

function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  // Playwright messages carry a multi-line "Call log"; keep the first line.
  return msg.split('\n')[0].trim();
}

/** Wrap a Playwright wait so a timeout produces a clear message. */
async function withTimeoutMessage(promise, message) {
  try {
    return await promise;
  } catch (err) {
    if (err && err.name === 'TimeoutError') throw new Error(message);
    throw err;
  }
}

// ---------------------------------------------------------------- preflight

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`ERROR: ${path.join(DIST, 'index.html')} not found.`);
  console.error('Build the web app first:  pnpm --filter @rnnkit/web build');
  console.error('(or point RNNKIT_E2E_DIST at a directory containing index.html)');
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`ERROR: Chromium not found at ${CHROMIUM} (apt-get install -y chromium).`);
  process.exit(1);
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
const gitignore = path.join(ARTIFACTS, '.gitignore');
if (!fs.existsSync(gitignore)) fs.writeFileSync(gitignore, '*\n!.gitignore\n');

// ---------------------------------------------------------------- state

let server;
let browser;
const blockedRequests = [];
const consoleErrors = [];
const pageErrors = [];
let phase = 'startup';

async function cleanup() {
  try {
    if (browser) await browser.close();
  } catch {}
  browser = undefined;
  try {
    if (server) await server.close();
  } catch {}
  server = undefined;
}

const overallTimer = setTimeout(async () => {
  fail('overall run', `did not finish within ${OVERALL_TIMEOUT_MS / 1000} s (stuck in phase "${phase}")`);
  reportCollected();
  summarize();
  await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 10_000))]);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overallTimer.unref();

// ---------------------------------------------------------------- page helpers

const isLocalHost = (h) => h === '127.0.0.1' || h === 'localhost' || h === '[::1]';

function isAllowedUrl(raw) {
  let u;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  return isLocalHost(u.hostname);
}

/** Text content of a test-id element (trimmed, '' if missing). */
async function testIdText(page, id) {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return el ? (el.textContent ?? '').trim() : '';
  }, id);
}

const FLOAT_RE = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/** Parse the number following "max abs" (…), else the first float in the text. */
function parseMaxAbs(text) {
  const m = /max\s*\.?\s*abs[^0-9+\-.]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/i.exec(text);
  if (m) return { value: Number(m[1]), how: 'after "max abs"' };
  const f = FLOAT_RE.exec(text);
  if (f) return { value: Number(f[0]), how: 'first number in text' };
  return null;
}

/** Inspect the canvases inside a test-id element; report the best one. */
async function inspectCanvas(page, id) {
  return page.evaluate((id) => {
    const host = document.querySelector(`[data-testid="${id}"]`);
    if (!host) return { error: `no [data-testid="${id}"] element` };
    const canvases = [...host.querySelectorAll('canvas')];
    if (host instanceof HTMLCanvasElement) canvases.unshift(host);
    if (canvases.length === 0) return { error: 'no <canvas> inside' };
    const out = [];
    for (const c of canvases) {
      const r = { width: c.width, height: c.height, fraction: 0 };
      if (c.width > 0 && c.height > 0) {
        try {
          // Copy onto a scratch 2D canvas so this works whatever context the chart used.
          const scratch = document.createElement('canvas');
          scratch.width = c.width;
          scratch.height = c.height;
          const ctx = scratch.getContext('2d');
          ctx.drawImage(c, 0, 0);
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) {
            const a = data[i + 3];
            const white = data[i] >= 250 && data[i + 1] >= 250 && data[i + 2] >= 250;
            if (a > 0 && !white) n++;
          }
          r.fraction = n / (c.width * c.height);
        } catch (e) {
          r.readError = String(e && e.message ? e.message : e);
        }
      }
      out.push(r);
    }
    out.sort((a, b) => b.fraction - a.fraction);
    return { count: canvases.length, best: out[0], all: out };
  }, id);
}

// ---------------------------------------------------------------- main

async function main() {
  phase = 'serving';
  server = await serve(DIST);
  info(`serving ${DIST} at ${server.url}`);

  phase = 'launching chromium';
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  }); // plain launch: Playwright gives it a fresh temporary profile
  info(`chromium ${browser.version()}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url)) return route.continue();
    blockedRequests.push({ url, phase });
    return route.abort('blockedbyclient');
  });

  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push({ text: msg.text(), where: loc && loc.url ? `${loc.url}:${loc.lineNumber}` : '', phase });
    }
  });
  page.on('pageerror', (err) => pageErrors.push({ text: oneLine(err), phase }));

  // a. load + backend ------------------------------------------------------
  phase = 'load';
  const loaded = await check('page loads', async () => {
    const resp = await withTimeoutMessage(
      page.goto(server.url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS }),
      `page did not load within ${LOAD_TIMEOUT_MS / 1000} s`,
    );
    if (!resp || !resp.ok()) throw new Error(`HTTP ${resp ? resp.status() : 'no response'} for ${server.url}`);
    return `HTTP ${resp.status()}`;
  });

  /** A full-page screenshot into e2e/artifacts, as one check. */
  const screenshot = (name) =>
    check(`screenshot ${name}`, async () => {
      if (!loaded) throw new Error('skipped: page did not load');
      const file = path.join(ARTIFACTS, name);
      await page.screenshot({ path: file, fullPage: true, timeout: 30_000 });
      return path.relative(WEB_DIR, file);
    });

  phase = 'backend';
  await check('tfjs backend is webgl, wasm or cpu', async () => {
    if (!loaded) throw new Error('skipped: page did not load');
    // The page may show a placeholder (e.g. "…") until the backend is known:
    // wait until the text names a backend, and report the text if it never does.
    try {
      await page.waitForFunction(
        () => /\b(webgl|wasm|cpu)\b/i.test(document.querySelector('[data-testid="backend"]')?.textContent ?? ''),
        null,
        { timeout: BACKEND_TIMEOUT_MS, polling: 100 },
      );
    } catch (err) {
      if (err && err.name === 'TimeoutError') {
        const text = await testIdText(page, 'backend');
        throw new Error(
          text === ''
            ? `[data-testid="backend"] still empty after ${BACKEND_TIMEOUT_MS / 1000} s`
            : `backend text ${JSON.stringify(text)} names none of webgl/wasm/cpu after ${BACKEND_TIMEOUT_MS / 1000} s`,
        );
      }
      throw err;
    }
    const text = await testIdText(page, 'backend');
    const m = /\b(webgl|wasm|cpu)\b/i.exec(text);
    return `backend: ${m[1].toLowerCase()} (text ${JSON.stringify(text)})`;
  });

  // b. train ----------------------------------------------------------------
  phase = 'training';
  let trained = false;
  const trainStart = Date.now();
  trained = await check(`training runs ${EPOCHS} epochs (progress ${EPOCHS}/${EPOCHS}, metrics table ≥ 2 rows)`, async () => {
    if (!loaded) throw new Error('skipped: page did not load');
    const epochs = page.getByTestId('epochs');
    await epochs.fill(String(EPOCHS));
    await epochs.press('Tab');
    const got = await epochs.inputValue();
    if (Number(got) !== EPOCHS) throw new Error(`epochs input holds ${JSON.stringify(got)} after fill('${EPOCHS}')`);
    await page.getByTestId('train-button').click();
    try {
      await page.waitForFunction(
        (total) => {
          const p = document.querySelector('[data-testid="progress"]');
          const t = document.querySelector('[data-testid="metrics-table"]');
          if (!p || !t) return false;
          const num = (v) => (v === null || v === undefined || v === '' ? NaN : Number(v));
          let value = num(p.getAttribute('value'));
          let max = num(p.getAttribute('max'));
          if (Number.isNaN(value)) value = num(p.getAttribute('aria-valuenow'));
          if (Number.isNaN(max)) max = num(p.getAttribute('aria-valuemax'));
          if (Number.isNaN(value) && p instanceof HTMLProgressElement) value = p.value;
          if (Number.isNaN(max) && p instanceof HTMLProgressElement) max = p.max;
          if (!(value === total && max === total)) return false;
          const style = getComputedStyle(t);
          const rect = t.getBoundingClientRect();
          if (style.display === 'none' || style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) return false;
          const rows = [...t.rows].filter((r) => {
            const sect = r.parentElement?.tagName;
            if (sect === 'THEAD' || sect === 'TFOOT') return false;
            return [...r.cells].some((c) => c.tagName === 'TD');
          });
          return rows.length >= 2;
        },
        EPOCHS,
        { timeout: TRAIN_TIMEOUT_MS, polling: 250 },
      );
    } catch (err) {
      if (err && err.name === 'TimeoutError') {
        const state = await page.evaluate(() => {
          const p = document.querySelector('[data-testid="progress"]');
          const t = document.querySelector('[data-testid="metrics-table"]');
          const e = document.querySelector('[data-testid="error"]');
          return {
            progress: p ? `value=${p.getAttribute('value') ?? p.getAttribute('aria-valuenow')} max=${p.getAttribute('max') ?? p.getAttribute('aria-valuemax')}` : 'missing',
            tableRows: t ? t.rows.length : 'missing',
            error: e ? (e.textContent ?? '').trim() : '',
          };
        });
        throw new Error(
          `not finished after ${TRAIN_TIMEOUT_MS / 1000} s: progress ${state.progress}, metrics-table rows ${state.tableRows}` +
            (state.error ? `, error text ${JSON.stringify(state.error)}` : ''),
        );
      }
      throw err;
    }
    return `finished in ${((Date.now() - trainStart) / 1000).toFixed(1)} s`;
  });

  await check('loss fell (loss-chart data-last-loss < data-first-loss)', async () => {
    if (!trained) throw new Error('skipped: training did not finish');
    const chart = page.getByTestId('loss-chart');
    await withTimeoutMessage(
      page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="loss-chart"]');
          return !!el && el.hasAttribute('data-first-loss') && el.hasAttribute('data-last-loss');
        },
        null,
        { timeout: 10_000 },
      ),
      'loss-chart has no data-first-loss / data-last-loss attributes 10 s after training ended',
    );
    const firstRaw = await chart.getAttribute('data-first-loss');
    const lastRaw = await chart.getAttribute('data-last-loss');
    const first = Number(firstRaw);
    const last = Number(lastRaw);
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new Error(`non-numeric losses: data-first-loss=${JSON.stringify(firstRaw)} data-last-loss=${JSON.stringify(lastRaw)}`);
    }
    if (!(last < first)) throw new Error(`loss did not fall: first ${first}, last ${last}`);
    return `first ${first.toPrecision(4)} → last ${last.toPrecision(4)}`;
  });

  // c. charts ---------------------------------------------------------------
  phase = 'charts';
  for (const id of ['loss-chart', 'prediction-chart']) {
    await check(`${id} drew a non-blank canvas > 100×100`, async () => {
      if (!trained) throw new Error('skipped: training did not finish');
      const deadline = Date.now() + CHART_TIMEOUT_MS;
      let r;
      // Charts may render a frame or two after training ends: poll.
      for (;;) {
        r = await inspectCanvas(page, id);
        const b = r.best;
        if (!r.error && b && b.width > 100 && b.height > 100 && b.fraction > 0.01) break;
        if (Date.now() > deadline) {
          if (r.error) throw new Error(r.error);
          if (b.readError) throw new Error(`could not read canvas pixels: ${b.readError}`);
          throw new Error(
            `best canvas ${b.width}×${b.height}, ${(b.fraction * 100).toFixed(2)}% drawn pixels ` +
              `(need > 100×100 and > 1%) after ${CHART_TIMEOUT_MS / 1000} s`,
          );
        }
        await page.waitForTimeout(250);
      }
      return `canvas ${r.best.width}×${r.best.height}, ${(r.best.fraction * 100).toFixed(1)}% drawn pixels`;
    });
  }

  // d. screenshot -----------------------------------------------------------
  phase = 'screenshot after training';
  await screenshot('after-training.png');

  // e. export ONNX ----------------------------------------------------------
  phase = 'export onnx';
  await check('export-onnx downloads model.onnx (> 500 bytes, contains "rnnkit")', async () => {
    if (!trained) throw new Error('skipped: training did not finish');
    const [download] = await withTimeoutMessage(
      Promise.all([
        page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS }),
        page.getByTestId('export-onnx').click(),
      ]),
      `no download started within ${DOWNLOAD_TIMEOUT_MS / 1000} s of clicking export-onnx`,
    );
    const file = path.join(ARTIFACTS, 'model.onnx');
    const failure = await download.failure();
    if (failure) throw new Error(`download failed: ${failure}`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    const suggested = download.suggestedFilename();
    if (bytes.length <= 500) throw new Error(`model.onnx is only ${bytes.length} bytes`);
    if (!bytes.includes(Buffer.from('rnnkit', 'ascii'))) throw new Error('model.onnx does not contain the ASCII string "rnnkit"');
    return `${bytes.length} bytes (suggested name ${JSON.stringify(suggested)}) → ${path.relative(WEB_DIR, file)}`;
  });

  // f. verify ONNX ----------------------------------------------------------
  phase = 'verify onnx';
  await check('verify-onnx: max abs difference < 1e-4', async () => {
    if (!trained) throw new Error('skipped: training did not finish');
    await page.getByTestId('verify-onnx').click();
    try {
      await page.waitForFunction(
        (src) => new RegExp(src).test(document.querySelector('[data-testid="verify-result"]')?.textContent ?? ''),
        FLOAT_RE.source,
        { timeout: VERIFY_TIMEOUT_MS, polling: 200 },
      );
    } catch (err) {
      if (err && err.name === 'TimeoutError') {
        const text = await testIdText(page, 'verify-result');
        const errText = await testIdText(page, 'error');
        throw new Error(
          `verify-result shows no number after ${VERIFY_TIMEOUT_MS / 1000} s (text ${JSON.stringify(text)})` +
            (errText ? `, error text ${JSON.stringify(errText)}` : ''),
        );
      }
      throw err;
    }
    // A number appeared; give the final "max abs …" wording a moment to show up.
    await page
      .waitForFunction(
        () => /max\s*\.?\s*abs[^0-9+\-.]*[-+]?(?:\d|\.\d)/i.test(document.querySelector('[data-testid="verify-result"]')?.textContent ?? ''),
        null,
        { timeout: 5_000, polling: 200 },
      )
      .catch(() => {});
    const text = await testIdText(page, 'verify-result');
    const parsed = parseMaxAbs(text);
    if (!parsed || !Number.isFinite(parsed.value)) throw new Error(`cannot parse a number from ${JSON.stringify(text)}`);
    if (!(Math.abs(parsed.value) < 1e-4)) throw new Error(`max abs difference ${parsed.value} ≥ 1e-4 (text ${JSON.stringify(text)})`);
    return `${parsed.value} (${parsed.how}; text ${JSON.stringify(text)})`;
  });

  // g. screenshot -----------------------------------------------------------
  phase = 'screenshot after verify';
  await screenshot('after-verify.png');

  // h. bad CSV --------------------------------------------------------------
  phase = 'bad csv';
  await check('bad CSV shows an inline error naming bad.csv and line 3', async () => {
    if (!loaded) throw new Error('skipped: page did not load');
    await page.getByTestId('csv-input').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Date,Open,High,Low,Close\n2020-01-01,1,2,3,4\n2020-01-02,abc,2,3,4\n'),
    });
    try {
      await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="error"]');
          if (!el) return false;
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0 || r.height === 0) return false;
          const t = el.textContent ?? '';
          return t.includes('bad.csv') && t.includes('3');
        },
        null,
        { timeout: ERROR_TIMEOUT_MS, polling: 100 },
      );
    } catch (err) {
      if (err && err.name === 'TimeoutError') {
        const text = await testIdText(page, 'error');
        const visible = await page.getByTestId('error').isVisible().catch(() => false);
        throw new Error(
          `no visible error containing "bad.csv" and "3" within ${ERROR_TIMEOUT_MS / 1000} s ` +
            `(error element visible=${visible}, text ${JSON.stringify(text)})`,
        );
      }
      throw err;
    }
    return JSON.stringify(await testIdText(page, 'error'));
  });

  await check('page still usable after bad CSV (train-button visible)', async () => {
    if (!loaded) throw new Error('skipped: page did not load');
    const btn = page.getByTestId('train-button');
    await withTimeoutMessage(
      btn.waitFor({ state: 'visible', timeout: 5_000 }),
      'train-button missing or hidden after the bad CSV upload',
    );
    return '';
  });

  phase = 'invalid control value';
  await check('an invalid control value is refused at the control (train disabled, message shown), then accepted', async () => {
    if (!loaded) throw new Error('skipped: page did not load');
    const epochs = page.getByTestId('epochs');
    await epochs.fill('0');
    await epochs.press('Tab');
    const message = page.getByTestId('controls-error');
    await withTimeoutMessage(message.waitFor({ state: 'visible', timeout: 5_000 }), 'no controls-error after epochs = 0');
    const text = (await message.textContent()) ?? '';
    if (!/Epochs must be a whole number from 1/.test(text)) throw new Error(`unexpected message ${JSON.stringify(text)}`);
    if (!(await page.getByTestId('train-button').isDisabled())) throw new Error('train-button still enabled with epochs = 0');
    await epochs.fill('20');
    await epochs.press('Tab');
    await withTimeoutMessage(message.waitFor({ state: 'hidden', timeout: 5_000 }), 'controls-error stayed after a valid value');
    if (await page.getByTestId('train-button').isDisabled()) throw new Error('train-button still disabled with epochs = 20');
    return JSON.stringify(text);
  });

  phase = 'screenshot bad csv';
  await screenshot('bad-csv.png');

  // i. collected problems ---------------------------------------------------
  phase = 'closing';
  // Let late console messages / requests arrive before judging.
  await page.waitForTimeout(300);
}

function reportCollected() {
  const list = (items, fmt) => items.slice(0, 20).map(fmt).join('; ') + (items.length > 20 ? `; … (+${items.length - 20} more)` : '');
  if (blockedRequests.length === 0) pass('no requests left localhost');
  else fail('no requests left localhost', `${blockedRequests.length} blocked: ` + list(blockedRequests, (r) => `${r.url} [during ${r.phase}]`));
  if (consoleErrors.length === 0) pass('no console errors');
  else
    fail(
      'no console errors',
      `${consoleErrors.length}: ` + list(consoleErrors, (e) => `${JSON.stringify(e.text)}${e.where ? ' at ' + e.where : ''} [during ${e.phase}]`),
    );
  if (pageErrors.length === 0) pass('no uncaught page errors');
  else fail('no uncaught page errors', `${pageErrors.length}: ` + list(pageErrors, (e) => `${JSON.stringify(e.text)} [during ${e.phase}]`));
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  fail(`harness (${phase})`, oneLine(err));
}
reportCollected();
await cleanup();
clearTimeout(overallTimer);
exitCode = summarize() > 0 ? 1 : 0;
process.exit(exitCode);
