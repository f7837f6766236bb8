import { tf } from '@rnnkit/tensor';

/** What one direction of one layer gives: every step's state in time order, and the final state. */
export interface DirectionRun {
  /** Hidden state of every step `[batch, H]`, in the sequence's time order. */
  states: tf.Tensor2D[];
  /** Final state `[batch, H]`: after the last step (forward) or after the first (reverse). */
  h: tf.Tensor2D;
}

/**
 * One layer in PyTorch's bidirectional form: direction 0 runs over `steps` as they are, direction 1
 * over them reversed (its states put back in time order); each step's output is [forward, reverse]
 * on the feature axis. With one direction the layer is the forward run alone.
 */
export function runDirections<T>(steps: T[], directions: 1 | 2, run: (steps: T[], direction: number) => DirectionRun): DirectionRun & {
  /** The final states, forward first. */
  finals: tf.Tensor2D[];
} {
  const forward = run(steps, 0);
  if (directions === 1) return { ...forward, finals: [forward.h] };
  const reverse = run([...steps].reverse(), 1);
  const back = [...reverse.states].reverse();
  return { states: forward.states.map((f, t) => tf.concat([f, back[t]!], 1) as tf.Tensor2D), h: forward.h, finals: [forward.h, reverse.h] };
}
