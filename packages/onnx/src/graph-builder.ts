import { floatTensor, int64Tensor, type AttributeProto, type NodeProto, type TensorProto } from './proto.js';

type AttributeValue = number | number[] | string[] | { float: number } | { string: string };

/** Collects nodes and initializers with unique generated names. */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private count = 0;

  /** Adds a node; returns its output names (`outputs` names them, or a count to generate). */
  node(op: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputs: string[] | number = 1): string[] {
    const name = `${op}_${this.count++}`;
    const out = typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => `${name}_out${i}`) : outputs;
    this.nodes.push({ name, opType: op, input: inputs, output: out, attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)) });
    return out;
  }

  /** Adds a float initializer and returns its name. */
  float(name: string, dims: number[], data: ArrayLike<number>): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  /** Adds an int64 initializer and returns its name. */
  int64(name: string, values: number[], dims = [values.length]): string {
    if (!this.initializers.some((t) => t.name === name)) this.initializers.push(int64Tensor(name, dims, values));
    return name;
  }
}

function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === 'number') return { name, type: 2, i: value };
  if (!Array.isArray(value)) return 'string' in value ? { name, type: 3, s: new TextEncoder().encode(value.string) } : { name, type: 1, f: value.float };
  if (value.every((v) => typeof v === 'string')) return { name, type: 8, strings: (value as string[]).map((s) => new TextEncoder().encode(s)) };
  return { name, type: 7, ints: value as number[] };
}
