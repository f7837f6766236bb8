/** One benchmark case: an implementation training one model shape on one backend. */
export interface Case {
  impl: 'rnnkit' | 'tf.layers' | 'pytorch';
  cell: 'rnn' | 'lstm' | 'gru';
  hidden: number;
  /** Window length in days (the tutorial's is 4). */
  seq: number;
  /** The training windows at that length (685 at seq 4; fewer for longer windows). */
  windows: number;
  /** `windows` (full batch) or a mini-batch size. */
  batch: number;
  backend: 'wasm' | 'cpu' | 'torch';
  /** Threads the implementation may use (torch.set_num_threads; rnnkit RNNKIT_THREADS, at most 2; tf.layers one either way). */
  threads: number;
  /**
   * rnnkit's SIMD build: 'auto' (what @rnnkit/kernels picks: relaxed wherever Relaxed SIMD runs,
   * Node 20 included), 'baseline' (RNNKIT_SIMD=baseline) or 'relaxed' (f32x4.relaxed_madd products).
   */
  simd: 'auto' | 'baseline' | 'relaxed';
}

/** One measurement, as `pnpm bench --json` prints it. */
export interface Result extends Case {
  msPerEpoch: number;
  /** The recurrent layer's products per epoch (machine.ts, epochFlops) over msPerEpoch. */
  gflops: number;
  peakRssMb: number;
  /** The roofline for the row: the measured single-core WebAssembly SIMD peak (f32x4 mul + add; relaxed_madd for rnnkit's relaxed build) × threads, GFLOP/s. */
  peakGflops: number | null;
  /** ms per epoch of each timed run, in the order they ran; msPerEpoch is their median. */
  runs: number[];
  /** The same runs in process CPU time (all the process's threads), and their median. */
  cpuRuns: number[];
  cpuMsPerEpoch: number;
}

/** rnnkit against another implementation: the ratio of each interleaved pair of runs (< 1: rnnkit faster). */
export interface Ratio {
  cell: Case['cell'];
  hidden: number;
  seq: number;
  batch: number;
  threads: number;
  backend: 'wasm' | 'cpu';
  simd: Case['simd'];
  /** The other side: PyTorch or tf.layers at the same threads, or (rows of 2 threads) rnnkit itself on one thread, timed in the same rounds. */
  against: 'pytorch' | 'tf.layers' | 'rnnkit 1 thread';
  /** Which time the ratios are of (--clock): wall time, or process CPU time (steadier on a shared machine; one-thread rows only). */
  clock: 'wall' | 'cpu';
  median: number;
  min: number;
  max: number;
  pairs: number;
}

/** The tutorial's training set: 685 windows of 4 days × 4 features (longer windows: --seq-len). */
export const SEQ = 4;
export const FEATURES = 4;
export const WINDOWS = 685;
