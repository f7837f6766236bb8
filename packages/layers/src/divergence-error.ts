/** Thrown when the training loss becomes NaN or infinite. */
export class DivergenceError extends Error {
  /** Always "DivergenceError", for instanceof-free checks. */
  override name = 'DivergenceError';

  /**
   * @param epoch The 1-based epoch whose loss was not finite.
   * @param loss That epoch's loss: NaN or ±Infinity.
   * @param lr The optimizer's learning rate; the message suggests a tenth of it.
   */
  constructor(readonly epoch: number, readonly loss: number, readonly lr: number) {
    super(`training diverged at epoch ${epoch}: the loss is ${loss}; try a lower learning rate (e.g. --lr ${lr / 10})`);
  }
}
