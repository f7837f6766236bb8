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
