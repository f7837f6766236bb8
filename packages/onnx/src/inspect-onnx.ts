import { decodeModel } from './decode-model.js';
import { OnnxError } from './onnx-error.js';
import { dimsOf, int, type ValueInfoProto } from './proto.js';

/** A readable summary of an ONNX file. */
export interface Inspection {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producer: string;
  docString: string;
  inputs: { name: string; dims: (number | string)[] }[];
  outputs: { name: string; dims: (number | string)[] }[];
  nodes: { name: string; op: string; inputs: string[]; outputs: string[] }[];
  initializers: { name: string; dims: number[] }[];
  metadata: Record<string, string>;
}

/** Reads an ONNX file's header, signature, nodes, initializer shapes and metadata. */
export function inspectOnnx(bytes: Uint8Array): Inspection {
  try {
    return inspect(bytes);
  } catch (err) {
    if (err instanceof OnnxError) throw err;
    throw new OnnxError(`malformed ONNX model (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
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
  };
}

/** The inspection as text for a terminal. */
export function formatInspection(i: Inspection): string {
  const dims = (d: (number | string)[]) => `[${d.join(', ')}]`;
  const ops = new Map<string, number>();
  for (const n of i.nodes) ops.set(n.op, (ops.get(n.op) ?? 0) + 1);
  return [
    `IR version ${i.irVersion}, opset ${i.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}`,
    `producer   ${i.producer || '(none)'}`,
    ...(i.docString ? [`doc        ${i.docString}`] : []),
    `inputs     ${i.inputs.map((v) => `${v.name} ${dims(v.dims)}`).join(', ')}`,
    `outputs    ${i.outputs.map((v) => `${v.name} ${dims(v.dims)}`).join(', ')}`,
    `nodes      ${i.nodes.length}: ${[...ops].map(([op, n]) => (n > 1 ? `${op}×${n}` : op)).join(', ')}`,
    ...i.nodes.map((n) => `  ${n.op.padEnd(16)}${n.inputs.join(', ')} → ${n.outputs.join(', ')}`),
    `initializers ${i.initializers.length}`,
    ...i.initializers.map((t) => `  ${t.name.padEnd(24)}${dims(t.dims)}`),
    `metadata   ${Object.keys(i.metadata).length ? '' : '(none)'}`,
    ...Object.entries(i.metadata).map(([k, v]) => `  ${k.padEnd(18)}${v.length > 100 ? `${v.slice(0, 97)}...` : v}`),
  ].join('\n');
}
