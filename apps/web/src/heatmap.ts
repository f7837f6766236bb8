/** Draws a [rows, cols] matrix of values in −1..1 (tanh states) as blue–white–red cells. */
export function drawHeatmap(canvas: HTMLCanvasElement, values: Float32Array, windows: number, units: number): void {
  const cell = Math.max(4, Math.min(14, Math.floor(900 / windows)));
  canvas.width = windows * cell;
  canvas.height = units * Math.max(4, Math.min(14, Math.floor(240 / units)));
  const h = canvas.height / units;
  const ctx = canvas.getContext('2d')!;
  for (let w = 0; w < windows; w++) {
    for (let u = 0; u < units; u++) {
      const v = Math.max(-1, Math.min(1, values[w * units + u]!));
      const fade = Math.round(255 * (1 - Math.abs(v)));
      ctx.fillStyle = v >= 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`;
      ctx.fillRect(w * cell, u * h, cell, h);
    }
  }
}
