// The page's backtest: a small one must end with a verdict naming the DM statistic and p, per-fold and pooled tables.

/** Sets a control by test id (fill for inputs, selectOption for selects) and leaves it. */
export async function setControl(page, id, value) {
  const el = page.getByTestId(id);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
  else await el.fill(value);
  await el.press('Tab');
}

/** Runs a backtest with `settings` (test id → value) and waits for its verdict, a stop, or an error. */
export async function backtestRun(page, settings, timeoutMs, { stopAfterMs } = {}) {
  for (const [id, value] of Object.entries(settings)) await setControl(page, id, value);
  await page.getByTestId('backtest-button').click();
  if (stopAfterMs !== undefined) {
    await page.waitForFunction(() => /fold \d+\/\d+ · epoch/.test(document.querySelector('[data-testid="backtest-progress-text"]')?.textContent ?? ''), null, { timeout: timeoutMs });
    await page.waitForTimeout(stopAfterMs);
    await page.getByTestId('backtest-stop').click();
  }
  const handle = await page.waitForFunction(
    () => {
      const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
      const error = document.querySelector('[data-testid="backtest-error"]');
      if (error && !error.hidden && text('backtest-error')) return { error: text('backtest-error') };
      if (text('backtest-progress-text').startsWith('stopped')) return { stopped: text('backtest-progress-text') };
      if (!text('backtest-verdict')) return false;
      const rows = (id) => document.querySelector(`[data-testid="${id}"]`).tBodies[0].rows.length;
      return { verdict: text('backtest-verdict'), folds: rows('backtest-folds'), pooled: rows('backtest-pooled'), progress: text('backtest-progress-text') };
    },
    null,
    { timeout: timeoutMs, polling: 200 },
  );
  return handle.jsonValue();
}
