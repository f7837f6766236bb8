// The reference evaluator: plain TypeScript, float64, no native code, runs in Node and browsers.
export { CONTROL_FLOW_OP_TYPES, loadReference, runReference, readSignature, type ModelSignature, type SequenceLensOf, type ReferenceModel, REFERENCE_OP_TYPES, REFERENCE_OPSETS, type ReferenceOptions, type TensorInput, type ValueSignature } from './graph.js';
export { type ExternalDataReader } from './from-proto.js';
export { type DType, type Tensor } from './tensor.js';
export { isSequence, type TensorSequence, type Value } from './node-context.js';
