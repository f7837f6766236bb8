import { decodeModel } from './decode-model.js';
import { readingOnnx } from './onnx-error.js';
import { portabilityWarnings } from './portability.js';
import { dimsOf, int, type GraphProto, type ModelProto, type NodeProto, type ValueInfoProto } from './proto.js';
import { loadDecoded } from './reference/graph.js';

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
  /** The model-local functions (ModelProto.functions) that nodes may call. */
  functions: {
    /** The function's domain ('' for the default one). */
    domain: string;
    /** Its name: the op type that calls it. */
    name: string;
    /** Its input names. */
    inputs: string[];
    /** Its output names. */
    outputs: string[];
    /** The attributes a call may set. */
    attributes: string[];
    /** The nodes of its body. */
    nodes: number;
  }[];
  /** The If, Loop and Scan nodes at any depth (in bodies and branches too), with their subgraphs' sizes. */
  controlFlow: {
    /** Where the node is: its name (or #index) in each enclosing node, outermost first, e.g. 'outer/inner'. */
    path: string;
    /** Loop, Scan or If. */
    op: string;
    /** Its subgraphs (body, then_branch, else_branch). */
    graphs: {
      /** The attribute that holds it. */
      attribute: string;
      /** Its nodes, those of subgraphs inside it included. */
      nodes: number;
      /** Its inputs. */
      inputs: number;
      /** Its outputs. */
      outputs: number;
    }[];
  }[];
  /** Which runtimes load the file (ops, opset and attributes known): the reference evaluator here; rnnkit inspect adds onnxruntime's. */
  runtimes: {
    /** 'reference', 'onnxruntime-node', 'onnxruntime-web'. */
    name: string;
    /** True when the runtime loads it. */
    loads: boolean;
    /** Why not, one line. */
    reason?: string;
  }[];
}

const CONTROL_FLOW = new Set(['If', 'Loop', 'Scan']);

/** Nodes of a graph, those of every subgraph inside included. */
function countNodes(g: GraphProto): number {
  return (g.node ?? []).reduce((sum, n) => sum + 1 + (n.attribute ?? []).reduce((s, a) => s + (a.g ? countNodes(a.g) : 0), 0), 0);
}

/** The control-flow nodes of a graph and its subgraphs, with their paths. */
function controlFlowNodes(nodes: NodeProto[], prefix: string): Inspection['controlFlow'] {
  return nodes.flatMap((n, i) => {
    const path = `${prefix}${n.name || `#${i}`}`;
    const graphs = (n.attribute ?? []).filter((a) => a.g);
    const own = CONTROL_FLOW.has(n.opType ?? '') && (!n.domain || n.domain === 'ai.onnx')
      ? [{ path, op: n.opType!, graphs: graphs.map((a) => ({ attribute: a.name ?? '', nodes: countNodes(a.g!), inputs: (a.g!.input ?? []).length, outputs: (a.g!.output ?? []).length })) }]
      : [];
    return [...own, ...graphs.flatMap((a) => controlFlowNodes(a.g!.node ?? [], `${path}/`))];
  });
}

/** Whether the reference evaluator loads the model (every op, opset and attribute known; nothing run). */
function referenceLoads(m: ModelProto): Inspection['runtimes'][number] {
  try {
    loadDecoded(m, { externalData: () => new Uint8Array(0) });
    return { name: 'reference', loads: true };
  } catch (err) {
    const reason = (err as Error).message;
    // External data cannot be read here; that is not a reason the evaluator refuses the file.
    if (/external file/.test(reason)) return { name: 'reference', loads: true };
    return { name: 'reference', loads: false, reason };
  }
}

/** Reads an ONNX file's header, signature, nodes, initializer shapes and metadata. */
export function inspectOnnx(bytes: Uint8Array): Inspection {
  return readingOnnx(() => inspect(bytes));
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
    functions: (m.functions ?? []).map((f) => ({ domain: f.domain ?? '', name: f.name ?? '', inputs: f.input ?? [], outputs: f.output ?? [], attributes: f.attribute ?? [], nodes: (f.node ?? []).length })),
    controlFlow: [...controlFlowNodes(g.node ?? [], ''), ...(m.functions ?? []).flatMap((f) => controlFlowNodes(f.node ?? [], `${f.domain ? `${f.domain}.` : ''}${f.name}/`))],
    runtimes: [referenceLoads(m)],
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
    ...(i.functions.length ? [`functions  ${i.functions.length}`, ...i.functions.map((f) => `  ${f.domain ? `${f.domain}.` : ''}${f.name}(${f.inputs.join(', ')}) → ${f.outputs.join(', ')}: ${f.nodes} nodes${f.attributes.length ? `, attributes ${f.attributes.join(', ')}` : ''}`)] : []),
    ...(i.controlFlow.length ? [`control flow ${i.controlFlow.length}`, ...i.controlFlow.map((c) => `  ${c.op.padEnd(6)}${c.path}: ${c.graphs.map((g) => `${g.attribute} ${g.nodes} nodes, ${g.inputs} in → ${g.outputs} out`).join('; ')}`)] : []),
    `runtimes   ${i.runtimes.map((r) => (r.loads ? `${r.name} loads it` : `${r.name} refuses it`)).join(', ')}`,
    ...i.runtimes.filter((r) => !r.loads).map((r) => `  ${r.name}: ${r.reason}`),
    ...(i.warnings.length ? [`warnings   ${i.warnings.length}`, ...i.warnings.map((w) => `  ! ${w}`)] : []),
  ].map((line) => line.trimEnd()).join('\n'); // padded names with empty values must not leave trailing spaces
}
