// Accessibility and small-screen checks: axe-core in the page, and overflow at a phone's width.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function axeViolations(page) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** What overflows at the current viewport: the document's width, and controls sticking out of their card. */
export async function overflows(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = window.innerWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`document is ${scroll}px wide in a ${width}px viewport`);
    for (const el of document.querySelectorAll('input, select, button, canvas, table, progress, .table-scroll')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // hidden
      if (el.parentElement?.closest('.table-scroll')) continue; // scrolls inside its region, which is checked itself
      const card = el.closest('.panel') ?? document.body;
      const c = card.getBoundingClientRect();
      const name = el.dataset.testid || el.id || el.tagName.toLowerCase();
      if (r.right > c.right + 0.5) problems.push(`${name} ends at ${r.right.toFixed(0)}px, its card at ${c.right.toFixed(0)}px`);
      if (r.right > width + 0.5) problems.push(`${name} ends at ${r.right.toFixed(0)}px, past the ${width}px viewport`);
    }
    return problems;
  });
}

/**
 * Tab from the top of the page until focus wraps: the controls reached in order, whether each showed a
 * focus indicator (outline or box-shadow), and which enabled, visible controls Tab never reached.
 */
export async function tabWalk(page, maxPresses = 80) {
  await focusStart(page);
  const reached = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const all = [...document.querySelectorAll('*')];
      return {
        name: el.dataset.testid || el.id || el.getAttribute('aria-label') || el.tagName.toLowerCase(),
        index: all.indexOf(el),
        indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
      };
    });
    if (at !== null && reached.at(-1)?.index === at.index) continue; // a date input's month, day and year fields
    if (at === null || reached.some((r) => r.index === at.index)) break; // wrapped to the browser UI or the start
    reached.push(at);
  }
  const missed = await page.evaluate((indices) => {
    const all = [...document.querySelectorAll('*')];
    return [...document.querySelectorAll('input, select, button, textarea, a[href], summary')]
      .filter((el) => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => !indices.includes(all.indexOf(el)))
      .map((el) => el.dataset.testid || el.id || el.tagName.toLowerCase());
  }, reached.map((r) => r.index));
  return { reached, missed };
}

/** Move the keyboard's starting point to the top of the page, as a fresh load has it. */
export async function focusStart(page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
}

/** Press Tab until the control with this data-testid has focus; throws after `maxPresses`. */
export async function tabTo(page, testid, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.dataset.testid)) === testid) return i + 1;
  }
  throw new Error(`Tab did not reach ${testid} in ${maxPresses} presses`);
}
