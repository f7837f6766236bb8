// The hidden state as a heatmap: one column per test day, one row per hidden unit, with axis labels
// and a colour scale, drawn at the canvas's CSS width (and the screen's pixel ratio).

const MARGIN = { left: 58, right: 64, top: 8, bottom: 40 };

/** The colour of a tanh state in −1..1: blue for −1, white for 0, red for +1. */
export function stateColour(v: number): string {
  const c = Math.max(-1, Math.min(1, v));
  const fade = Math.round(255 * (1 - Math.abs(c)));
  return c >= 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`;
}

/** Draws `values` ([days, units], row-major) over `dates`; the canvas keeps its CSS width. */
export function drawHeatmap(canvas: HTMLCanvasElement, values: Float32Array, dates: readonly string[], units: number): void {
  const days = dates.length;
  const cssWidth = Math.max(240, canvas.parentElement?.clientWidth ?? 600);
  const rowHeight = Math.max(10, Math.min(22, Math.floor(260 / units)));
  const cssHeight = MARGIN.top + units * rowHeight + MARGIN.bottom;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  const plotWidth = cssWidth - MARGIN.left - MARGIN.right;
  const cell = plotWidth / days;
  for (let d = 0; d < days; d++) {
    for (let u = 0; u < units; u++) {
      ctx.fillStyle = stateColour(values[d * units + u]!);
      // Cells overlap by a fraction of a pixel so no white seams show between them.
      ctx.fillRect(MARGIN.left + d * cell, MARGIN.top + u * rowHeight, cell + 0.5, rowHeight + 0.5);
    }
  }
  ctx.fillStyle = '#222';
  ctx.font = '11px system-ui, sans-serif';
  // Rows: unit numbers, at most about ten labels.
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const rowStep = Math.ceil(units / 10);
  for (let u = 0; u < units; u += rowStep) ctx.fillText(`unit ${u + 1}`, MARGIN.left - 4, MARGIN.top + (u + 0.5) * rowHeight);
  // Columns: a few dates, spread over the width.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const ticks = Math.max(2, Math.min(6, Math.floor(plotWidth / 90)));
  const bottom = MARGIN.top + units * rowHeight;
  for (let t = 0; t < ticks; t++) {
    const d = Math.round((t * (days - 1)) / (ticks - 1));
    const x = MARGIN.left + (d + 0.5) * cell;
    ctx.fillRect(x, bottom, 1, 4);
    ctx.textAlign = t === 0 ? 'left' : t === ticks - 1 ? 'right' : 'center';
    ctx.fillText(dates[d]!, t === 0 ? Math.max(0, x - 4) : t === ticks - 1 ? Math.min(cssWidth - MARGIN.right, x + 4) : x, bottom + 6);
  }
  ctx.textAlign = 'center';
  ctx.fillText('test day (the window ending that day)', MARGIN.left + plotWidth / 2, bottom + 22);
  // The colour scale: −1 at the bottom, +1 at the top.
  const barX = cssWidth - MARGIN.right + 14;
  const barHeight = units * rowHeight;
  for (let y = 0; y < barHeight; y++) {
    ctx.fillStyle = stateColour(1 - (2 * y) / (barHeight - 1));
    ctx.fillRect(barX, MARGIN.top + y, 12, 1);
  }
  ctx.strokeStyle = '#999';
  ctx.strokeRect(barX, MARGIN.top, 12, barHeight);
  ctx.fillStyle = '#222';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText('+1', barX + 16, MARGIN.top + 5);
  ctx.fillText('0', barX + 16, MARGIN.top + barHeight / 2);
  ctx.fillText('−1', barX + 16, MARGIN.top + barHeight - 5);
}
