// Line charts with uPlot: prices, the live loss curve, and predictions vs actual vs naive.
import type { DateRange } from '@rnnkit/datasets';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

const HEIGHT = 260;
const observers = new WeakMap<HTMLElement, ResizeObserver>();

function make(el: HTMLElement, series: uPlot.Series[], data: uPlot.AlignedData, opts: Partial<uPlot.Options> = {}): uPlot {
  el.replaceChildren();
  // A wide y-axis gutter: prices like 72,000 need it.
  const axes: uPlot.Axis[] = [{}, { size: 64 }];
  const plot = new uPlot({ width: Math.max(200, el.clientWidth), height: HEIGHT, series: [{}, ...series], legend: { live: false }, axes, ...opts }, data, el);
  // The chart follows its card's width (a phone, a rotated screen, a resized window).
  observers.get(el)?.disconnect();
  const observer = new ResizeObserver(() => {
    if (el.clientWidth > 0 && el.clientWidth !== plot.width) plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT });
  });
  observer.observe(el);
  observers.set(el, observer);
  return plot;
}

/** Close prices, the training range and the test range in two colours. */
export function priceChart(el: HTMLElement, dates: string[], close: number[], train: DateRange, test: DateRange): uPlot {
  const inRange = (r: DateRange) => close.map((c, i) => (dates[i]! >= r.from && dates[i]! <= r.to ? c : null));
  return make(el, [
    { label: 'Close', stroke: '#bbb', width: 1 },
    { label: 'train', stroke: '#1f77b4', width: 1.5 },
    { label: 'test', stroke: '#d62728', width: 1.5 },
  ], [dates.map(day), close, inRange(train), inRange(test)]);
}

/** An empty loss chart that `update` fills epoch by epoch. */
export function lossChart(el: HTMLElement): { update(loss: number[]): void } {
  const plot = make(el, [{ label: 'train MSE (scaled)', stroke: '#1f77b4', width: 1.5 }], [[], []], {
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{ label: 'epoch' }, { size: 64 }],
  });
  return { update: (loss) => plot.setData([loss.map((_, i) => i + 1), loss]) };
}

/** Test prices: actual, the model's prediction and the naive forecast. */
export function predictionChart(el: HTMLElement, dates: string[], actual: number[], predicted: number[], naive: number[]): uPlot {
  return make(el, [
    { label: 'actual', stroke: '#222', width: 1.5 },
    { label: 'predicted', stroke: '#e4572e', width: 1.5 },
    { label: 'naive (last close)', stroke: '#999', width: 1, dash: [6, 4] },
  ], [dates.map(day), actual, predicted, naive]);
}

/** Backtest, horizon 1: actual, model and naive over the test blocks, the interval band, fold boundaries. */
export function backtestChart(el: HTMLElement, dates: string[], actual: number[], model: number[], naive: number[], band: { lower: number[]; upper: number[] } | null, foldStarts: string[]): uPlot {
  const x = dates.map(day);
  const boundaries = foldStarts.slice(1).map(day);
  const series: uPlot.Series[] = [
    { label: 'actual', stroke: '#222', width: 1.5 },
    { label: 'model', stroke: '#e4572e', width: 1.5 },
    { label: 'naive (last close)', stroke: '#999', width: 1, dash: [6, 4] },
  ];
  const data: (number | null)[][] = [actual, model, naive];
  if (band) {
    series.push({ label: 'interval low', stroke: 'rgba(228,87,46,0.35)', width: 1 }, { label: 'interval high', stroke: 'rgba(228,87,46,0.35)', width: 1 });
    data.push(band.lower, band.upper);
  }
  return make(el, series, [x, ...data] as uPlot.AlignedData, {
    ...(band ? { bands: [{ series: [5, 4], fill: 'rgba(228,87,46,0.12)' }] } : {}),
    hooks: {
      draw: [(u) => {
        // A dashed line where each fold's test block starts.
        const { ctx } = u;
        ctx.save();
        ctx.strokeStyle = '#555';
        ctx.setLineDash([3, 3]);
        for (const t of boundaries) {
          const px = Math.round(u.valToPos(t, 'x', true));
          ctx.beginPath();
          ctx.moveTo(px, u.bbox.top);
          ctx.lineTo(px, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  });
}
