/** Thrown when the training loss becomes NaN or infinite. */
export class DivergenceError extends Error {
  override name = 'DivergenceError';

  constructor(readonly epoch: number, readonly loss: number, readonly lr: number) {
    super(`training diverged at epoch ${epoch}: the loss is ${loss}; try a lower learning rate (e.g. --lr ${lr / 10})`);
  }
}
