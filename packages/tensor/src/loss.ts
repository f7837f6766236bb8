import { tf } from '#tfjs';

/** Mean squared error over every element, as PyTorch's nn.MSELoss() (reduction 'mean'). */
export function mse(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(prediction, target)));
}
