import { describe, expect, it } from 'vitest';
import { metadataProps, readMetadata, type RnnkitMetadata } from './metadata.js';

describe('rnnkit metadata', () => {
  it('keeps the training data record (file, hash, range) through metadata_props', () => {
    const meta: RnnkitMetadata = {
      cell: 'rnn', features: ['Close'], target: 'Close', seqLength: 4, scaler: null, withScaler: false, style: 'op',
      trainingData: { file: 'data/aapl.csv', bundled: false, sha256: 'ab'.repeat(32), range: { columns: ['Close'], min: [120.5], max: [181.25] } },
    };
    const props = metadataProps(meta);
    expect(props.find((p) => p.key === 'rnnkit.trainingData')?.value).toBe(JSON.stringify(meta.trainingData));
    expect(readMetadata(props)).toEqual(meta);
  });
});
