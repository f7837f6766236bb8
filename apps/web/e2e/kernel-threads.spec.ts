// @rnnkit/kernels' helper thread in a browser: on a cross-origin isolated page (COOP/COEP) the
// kernels get a shared memory and a Blob worker, share an LSTM layer's recurrence and its large
// products over two threads, and compute what one thread computes, bit for bit. (The rnnkit page itself is not
// isolated, so it trains on one thread.)
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from './fixtures.js';
import { serve } from './static-server.mjs';

test('on a cross-origin isolated page the kernels split an LSTM layer over a helper worker, bit for bit as one thread', async ({ page }) => {
  const site = await serve(REPO_ROOT, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}apps/web/e2e/kernel-threads.html`);
    const result = await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
    expect(errors).toEqual([]);
    expect(result).toMatchObject({ crossOriginIsolated: true, threads: [1, 2], started: true, equal: [true, true, true, true, true] });
    // the forward and the backward recurrence each shared by windows (one program for the helper
    // each), and the weight gradients' blocked product split by rows of C
    expect((result as { windows: number }).windows).toBe(2);
    expect((result as { split: number }).split).toBeGreaterThanOrEqual(1);
  } finally {
    await site.close();
  }
});
