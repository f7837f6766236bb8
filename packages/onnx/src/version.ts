/** The rnnkit version written into ONNX files as producer_version. */
export const RNNKIT_VERSION = '0.1.0';
