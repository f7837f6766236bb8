export { createKernels, Kernels, type KernelsOptions, type SimdFlavour, type SimdExports, type Resident, type Layout, type WasmActivation, type WindowCalls, type WindowWork } from './kernels.js';
export { rnnLayer } from './rnn-kernel.js';
export { lstmLayer } from './lstm-kernel.js';
export { gruLayer } from './gru-kernel.js';
export { fresh, workspace, tanh, sigmoid, type Dims, type LayerWeights, type LayerGrads, type LayerRun, type Alloc } from './kernel.js';
export { headLoss } from './head.js';
export { gemm, jsGemm, activate, transpose, GateActivations, type Activation } from './gemm.js';
export { hasRelaxedSimd } from './node-relaxed-simd.js';
