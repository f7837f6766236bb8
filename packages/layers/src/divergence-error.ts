/** How far above the first epoch's loss a finite loss counts as divergence. */
export const DIVERGENCE_FACTOR = 1e6;

/** Thrown when the training loss becomes NaN or infinite, or grows past DIVERGENCE_FACTOR (1e6) × the first epoch's. */
export class DivergenceError extends Error {
  /** Always "DivergenceError", for instanceof-free checks. */
  override name = 'DivergenceError';

  /**
   * @param epoch The 1-based epoch whose loss was not finite.
   * @param loss That epoch's loss: NaN, ±Infinity or a huge finite value.
   * @param lr The optimizer's learning rate; the message suggests a tenth of it.
   * @param first The first epoch's loss, when the loss diverged by growing past it.
   */
  constructor(readonly epoch: number, readonly loss: number, readonly lr: number, readonly first?: number) {
    const what = first === undefined ? `the loss is ${loss}` : `the loss ${loss.toExponential(2)} is over ${DIVERGENCE_FACTOR.toExponential(0)} × the first epoch's (${first.toPrecision(3)})`;
    super(`training diverged at epoch ${epoch}: ${what}; try a lower learning rate (e.g. --lr ${lr / 10})`);
  }
}

/** Throws a DivergenceError when `loss` is not finite or exceeds DIVERGENCE_FACTOR × `first` (the run's first epoch loss). */
export function checkDivergence(epoch: number, loss: number, first: number, lr: number): void {
  if (!Number.isFinite(loss)) throw new DivergenceError(epoch, loss, lr);
  if (first > 0 && loss > DIVERGENCE_FACTOR * first) throw new DivergenceError(epoch, loss, lr, first);
}
