import { decodeModel } from './decode-model.js';
import { toOnnxError } from './onnx-error.js';
import { portabilityWarnings } from './portability.js';
import { dimsOf, int, type ValueInfoProto } from './proto.js';

/** A readable summary of an ONNX file. */
export interface Inspection {
  /** The ONNX IR version. */
  irVersion: number;
  /** The imported operator sets. */
  opsets: {
    /** Operator-set domain, 'ai.onnx' for the default one. */
    domain: string;
    /** Opset version. */
    version: number;
  }[];
  /** producer_name and producer_version, space-separated ('' when absent). */
  producer: string;
  /** The model's doc_string ('' when absent). */
  docString: string;
  /** Graph inputs, initializers excluded. */
  inputs: {
    /** Value name. */
    name: string;
    /** A size, or the symbolic name where the dim is not fixed. */
    dims: (number | string)[];
  }[];
  /** Graph outputs. */
  outputs: {
    /** Value name. */
    name: string;
    /** A size, or the symbolic name where the dim is not fixed. */
    dims: (number | string)[];
  }[];
  /** The graph's nodes, in file order. */
  nodes: {
    /** Node name ('' when unnamed). */
    name: string;
    /** Operator type, e.g. 'RNN' or 'Gemm'. */
    op: string;
    /** Names of the values it reads. */
    inputs: string[];
    /** Names of the values it writes. */
    outputs: string[];
  }[];
  /** The stored tensors (weights and constants). */
  initializers: {
    /** Tensor name. */
    name: string;
    /** Tensor shape. */
    dims: number[];
  }[];
  /** metadata_props as key → value; rnnkit's values are JSON text. */
  metadata: Record<string, string>;
  /** What will not run, or will run differently, in other runtimes (layout=1, GRU linear_before_reset=0, ...). */
  warnings: string[];
}

/** Reads an ONNX file's header, signature, nodes, initializer shapes and metadata. */
export function inspectOnnx(bytes: Uint8Array): Inspection {
  try {
    return inspect(bytes);
  } catch (err) {
    throw toOnnxError(err);
  }
}

function inspect(bytes: Uint8Array): Inspection {
  const m = decodeModel(bytes);
  const g = m.graph!;
  const inits = new Set((g.initializer ?? []).map((t) => t.name));
  const io = (v: ValueInfoProto) => ({
    name: v.name ?? '',
    dims: (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : int(d.dimValue))),
  });
  return {
    irVersion: int(m.irVersion),
    opsets: (m.opsetImport ?? []).map((o) => ({ domain: o.domain || 'ai.onnx', version: int(o.version) })),
    producer: [m.producerName, m.producerVersion].filter(Boolean).join(' '),
    docString: m.docString ?? '',
    inputs: (g.input ?? []).filter((i) => !inits.has(i.name)).map(io),
    outputs: (g.output ?? []).map(io),
    nodes: (g.node ?? []).map((n) => ({ name: n.name ?? '', op: n.opType ?? '', inputs: n.input ?? [], outputs: n.output ?? [] })),
    initializers: (g.initializer ?? []).map((t) => ({ name: t.name ?? '', dims: dimsOf(t) })),
    metadata: Object.fromEntries((m.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    warnings: portabilityWarnings(m),
  };
}

/** The inspection as text for a terminal. */
export function formatInspection(i: Inspection): string {
  const dims = (d: (number | string)[]) => `[${d.join(', ')}]`;
  const ops = new Map<string, number>();
  for (const n of i.nodes) ops.set(n.op, (ops.get(n.op) ?? 0) + 1);
  // Each list's first column is as wide as its longest name (at least the old fixed width), plus a gap.
  const column = (names: string[], min: number) => Math.max(min, ...names.map((n) => n.length + 2));
  const [opWidth, initWidth, keyWidth] = [column(i.nodes.map((n) => n.op), 16), column(i.initializers.map((t) => t.name), 24), column(Object.keys(i.metadata), 18)];
  return [
    `IR version ${i.irVersion}, opset ${i.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}`,
    `producer   ${i.producer || '(none)'}`,
    ...(i.docString ? [`doc        ${i.docString}`] : []),
    `inputs     ${i.inputs.map((v) => `${v.name} ${dims(v.dims)}`).join(', ')}`,
    `outputs    ${i.outputs.map((v) => `${v.name} ${dims(v.dims)}`).join(', ')}`,
    `nodes      ${i.nodes.length}: ${[...ops].map(([op, n]) => (n > 1 ? `${op}×${n}` : op)).join(', ')}`,
    ...i.nodes.map((n) => `  ${n.op.padEnd(opWidth)}${n.inputs.join(', ')} → ${n.outputs.join(', ')}`),
    `initializers ${i.initializers.length}`,
    ...i.initializers.map((t) => `  ${t.name.padEnd(initWidth)}${dims(t.dims)}`),
    `metadata   ${Object.keys(i.metadata).length || '(none)'}`,
    ...Object.entries(i.metadata).map(([k, v]) => `  ${k.padEnd(keyWidth)}${v.length > 100 ? `${v.slice(0, 97)}...` : v}`),
    ...(i.warnings.length ? [`warnings   ${i.warnings.length}`, ...i.warnings.map((w) => `  ! ${w}`)] : []),
  ].map((line) => line.trimEnd()).join('\n'); // padded names with empty values must not leave trailing spaces
}
