import { DataError } from './data-error.js';
import type { DateRange } from './date-range.js';

/** The price file shipped in the package's data/ folder. */
export const BUNDLED_DATASET = {
  /** Short id of the data set: the CSV's base name. */
  name: 'samsung_005930',
  /** Human-readable title. */
  title: 'Samsung Electronics (KOSPI 005930), daily OHLCV',
  /** The CSV's file name in data/. */
  file: 'samsung_005930.csv',
} as const;

/** The tutorial's chronological split of the bundled prices: 689 training rows, 61 test rows. */
export const TUTORIAL_SPLIT: {
  /** Training days, both ends included. */
  readonly train: DateRange;
  /** Test days, both ends included. */
  readonly test: DateRange;
} = {
  train: { from: '2020-06-11', to: '2023-03-23' },
  test: { from: '2023-04-01', to: '2023-07-01' },
};

/** URL of the bundled CSV; resolves from both src/ and dist/, and bundlers turn it into an asset. */
export function bundledCsvUrl(): URL {
  return new URL('../data/samsung_005930.csv', import.meta.url);
}

/** The bundled CSV text: read from disk in Node, fetched in a browser. */
export async function loadBundledCsv(): Promise<string> {
  const url = bundledCsvUrl();
  if (url.protocol === 'file:') {
    // A variable specifier keeps browser bundlers from trying to bundle node:fs.
    const specifier = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ specifier)) as typeof import('node:fs/promises');
    return fs.readFile(url, 'utf8');
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new DataError(BUNDLED_DATASET.file, undefined, `fetching ${url.href} failed with HTTP ${response.status}`, 'serve the package data/ folder alongside the app');
  }
  return response.text();
}
