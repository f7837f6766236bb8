// Line charts with uPlot: prices, the live loss curve, and predictions vs actual vs naive.
import type { DateRange } from '@rnnkit/datasets';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

const HEIGHT = 260;
const observers = new WeakMap<HTMLElement, ResizeObserver>();

/** Axes labelled with what they show and in which unit; a wide y gutter, since prices like 72,000 need it. */
const labelledAxes = (x: string, y: string): uPlot.Axis[] => [{ label: x, labelSize: 20 }, { label: y, size: 64, labelSize: 20 }];

function make(el: HTMLElement, series: uPlot.Series[], data: uPlot.AlignedData, opts: Partial<uPlot.Options> = {}): uPlot {
  el.replaceChildren();
  const plot = new uPlot({ width: Math.max(200, el.clientWidth), height: HEIGHT, series: [{}, ...series], legend: { live: false }, axes: labelledAxes('date', 'price'), ...opts }, data, el);
  // The chart follows its card's width (a phone, a rotated screen, a resized window).
  observers.get(el)?.disconnect();
  const observer = new ResizeObserver(() => {
    if (el.clientWidth > 0 && el.clientWidth !== plot.width) plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT });
  });
  observer.observe(el);
  observers.set(el, observer);
  return plot;
}

/** The target column's prices, the training range and the test range in two colours. */
export function priceChart(el: HTMLElement, dates: string[], close: number[], train: DateRange, test: DateRange, column = 'Close'): uPlot {
  const inRange = (r: DateRange) => close.map((c, i) => (dates[i]! >= r.from && dates[i]! <= r.to ? c : null));
  return make(el, [
    { label: column, stroke: '#bbb', width: 1 },
    { label: 'train', stroke: '#1f77b4', width: 1.5 },
    { label: 'test', stroke: '#d62728', width: 1.5 },
  ], [dates.map(day), close, inRange(train), inRange(test)], { axes: labelledAxes('date', `${column} (price)`) });
}

/** An empty loss chart that `update` fills epoch by epoch. */
export function lossChart(el: HTMLElement): { update(loss: number[]): void } {
  const plot = make(el, [{ label: 'train MSE (scaled)', stroke: '#1f77b4', width: 1.5 }], [[], []], {
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: labelledAxes('epoch', 'MSE, scaled (log)'),
  });
  return { update: (loss) => plot.setData([loss.map((_, i) => i + 1), loss]) };
}

// Naive is drawn last (on top), dashed and in its own colour: it is one day behind the actual line
// and would otherwise hide under it.
const NAIVE: uPlot.Series = { label: 'naive (last value)', stroke: '#1f77b4', width: 2, dash: [5, 4] };

/** Test prices: actual, the model's prediction and the naive forecast. */
export function predictionChart(el: HTMLElement, dates: string[], actual: number[], predicted: number[], naive: number[], column = 'Close'): uPlot {
  return make(el, [
    { label: 'actual', stroke: '#222', width: 1.5 },
    { label: 'predicted', stroke: '#e4572e', width: 1.5 },
    NAIVE,
  ], [dates.map(day), actual, predicted, naive], { axes: labelledAxes('test day', `${column} (price)`) });
}

/** Backtest, horizon 1: actual, model and naive over the test blocks, the interval band, fold boundaries. */
export function backtestChart(el: HTMLElement, dates: string[], actual: number[], model: number[], naive: number[], band: { lower: number[]; upper: number[] } | null, foldStarts: string[], column = 'Close'): uPlot {
  const x = dates.map(day);
  const starts = foldStarts.map(day);
  // The band first, so the lines are drawn over it; naive last, on top.
  const series: uPlot.Series[] = [];
  const data: (number | null)[][] = [];
  if (band) {
    series.push({ label: 'interval low', stroke: 'rgba(228,87,46,0.35)', width: 1 }, { label: 'interval high', stroke: 'rgba(228,87,46,0.35)', width: 1 });
    data.push(band.lower, band.upper);
  }
  series.push({ label: 'actual', stroke: '#222', width: 1.5 }, { label: 'model', stroke: '#e4572e', width: 1.5 }, NAIVE);
  data.push(actual, model, naive);
  return make(el, series, [x, ...data] as uPlot.AlignedData, {
    ...(band ? { bands: [{ series: [2, 1], fill: 'rgba(228,87,46,0.12)' }] } : {}),
    axes: labelledAxes('test day', `${column} (price)`),
    hooks: {
      draw: [(u) => {
        // A dashed line where each fold's test block starts (but the first), and the fold's number.
        const { ctx } = u;
        const ratio = window.devicePixelRatio || 1;
        ctx.save();
        ctx.strokeStyle = '#555';
        ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
        ctx.textBaseline = 'bottom';
        ctx.setLineDash([3, 3]);
        starts.forEach((t, i) => {
          const px = Math.round(u.valToPos(t, 'x', true));
          if (i > 0) {
            ctx.beginPath();
            ctx.moveTo(px, u.bbox.top);
            ctx.lineTo(px, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          // On a white box, so grid lines and tick labels never run through it.
          const label = `fold ${i + 1}`;
          const x0 = Math.max(px, u.bbox.left) + 8 * ratio, y0 = u.bbox.top + u.bbox.height - 4 * ratio;
          const w = ctx.measureText(label).width;
          ctx.fillStyle = 'rgba(255,255,255,0.85)';
          ctx.fillRect(x0 - 2 * ratio, y0 - 13 * ratio, w + 4 * ratio, 14 * ratio);
          ctx.fillStyle = '#333';
          ctx.fillText(label, x0, y0);
        });
        ctx.restore();
      }],
    },
  });
}
