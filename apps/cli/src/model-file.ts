import { readFile, stat } from 'node:fs/promises';
import { DataError } from '@rnnkit/datasets';
import { importOnnx, inspectOnnx, MAX_MODEL_BYTES, readMetadata, type ImportedModel, type Inspection, type RnnkitMetadata } from '@rnnkit/onnx';

const FIX = 'pass an ONNX file written by rnnkit (train or export) or by torch.onnx.export';
// A graph that cannot even be put in order is broken, whoever wrote it: the usual advice would not help.
const BROKEN = /^the graph has a cycle|no node, input or initializer provides/;
const BROKEN_FIX = 'the file is damaged or hand-edited: export the model again';
// A file rnnkit wrote that it cannot read back is rnnkit's fault, not the user's choice of file.
const OWN_FIX = 'rnnkit wrote this file but cannot import it: export the run again with rnnkit export, and report it as a bug if that fails too';
/** A recurrence written as a loop or a function (packages/onnx import-control-flow.ts): it runs, it does not import. */
const CONTROL_FLOW = /which rnnkit does not import into a trainable layer$/;
const CONTROL_FLOW_FIX = 'to train from it, export nn.RNN, nn.LSTM or nn.GRU with torch.onnx.export unscripted (the TorchScript exporter), so that the recurrence is an RNN, LSTM or GRU node; rnnkit run and rnnkit verify run this file as it is';

/** Reads a model file's bytes; a missing or unreadable file is a one-line DataError. */
export async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    // Refused before reading: a file from a stranger may be of any size.
    const { size } = await stat(path);
    if (size > MAX_MODEL_BYTES) throw new DataError(path, undefined, `the file is ${(size / 2 ** 20).toFixed(0)} MB, over rnnkit's ${MAX_MODEL_BYTES / 2 ** 20} MB limit for models`, FIX);
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(path, undefined, `cannot read the model (${code === 'ENOENT' ? 'no such file' : (err as Error).message})`, FIX);
  }
}

/** importOnnx with the file named in its errors. */
export function importModelFile(path: string, bytes: Uint8Array): ImportedModel {
  return named(path, () => importOnnx(bytes), () => writtenByRnnkit(bytes));
}

/** Whether the file says rnnkit produced it (false when it cannot be read that far). */
function writtenByRnnkit(bytes: Uint8Array): boolean {
  try {
    return inspectOnnx(bytes).producer.startsWith('rnnkit');
  } catch {
    return false;
  }
}

/** inspectOnnx with the file named in its errors. */
export function inspectModelFile(path: string, bytes: Uint8Array): Inspection {
  return named(path, () => inspectOnnx(bytes));
}

/** The rnnkit metadata of a model file, without building the model (null for other producers). */
export function metadataOf(path: string, bytes: Uint8Array): RnnkitMetadata | null {
  return named(path, () => readMetadata(Object.entries(inspectOnnx(bytes).metadata).map(([key, value]) => ({ key, value }))));
}

function named<T>(path: string, read: () => T, ownFile: () => boolean = () => false): T {
  try {
    return read();
  } catch (err) {
    if ((err as Error).name !== 'OnnxError') throw err;
    const message = (err as Error).message;
    const fix = BROKEN.test(message) ? BROKEN_FIX : CONTROL_FLOW.test(message) ? CONTROL_FLOW_FIX : ownFile() ? OWN_FIX : FIX;
    throw new DataError(path, undefined, message, fix);
  }
}
