import { tf } from '#tfjs';
import { flatten, shapeOf, StateDictError, type StateDict } from './state-dict.js';

/**
 * The base of every model piece, after PyTorch's nn.Module: parameters have names,
 * child modules prefix them (`w_x.weight`), and a state dict round-trips.
 */
export class Module {
  private readonly ownParameters = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();

  /** Registers a trainable parameter under `name`, taking ownership of `value`. */
  protected addParameter(name: string, value: tf.Tensor): tf.Variable {
    if (this.ownParameters.has(name)) throw new Error(`parameter "${name}" is already registered`);
    const variable = tf.variable(value, true);
    value.dispose();
    this.ownParameters.set(name, variable);
    return variable;
  }

  /** Registers a child module; its parameters are named `name.<param>` (or unprefixed when name is ''). */
  protected addModule<M extends Module>(name: string, module: M): M {
    if (this.children.has(name)) throw new Error(`module "${name}" is already registered`);
    this.children.set(name, module);
    return module;
  }

  /** Every parameter with its full dotted name, in registration order. */
  namedParameters(): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [...this.ownParameters];
    for (const [prefix, child] of this.children) {
      for (const [name, p] of child.namedParameters()) out.push([prefix ? `${prefix}.${name}` : name, p]);
    }
    return out;
  }

  /** Every parameter, in the order of `namedParameters()`. */
  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** The parameters as nested arrays with PyTorch's names and `[out, in]` shapes. */
  stateDict(): StateDict {
    const dict: StateDict = {};
    for (const [name, p] of this.namedParameters()) dict[name] = p.arraySync() as StateDict[string];
    return dict;
  }

  /** Loads a state dict; names and shapes must match exactly, or nothing is changed. */
  loadStateDict(dict: StateDict): void {
    const params = new Map(this.namedParameters());
    const unexpected = Object.keys(dict).filter((k) => !params.has(k));
    const missing = [...params.keys()].filter((k) => !(k in dict));
    if (unexpected.length || missing.length) {
      const parts = [];
      if (missing.length) parts.push(`missing ${missing.join(', ')}`);
      if (unexpected.length) parts.push(`unexpected ${unexpected.join(', ')}`);
      throw new StateDictError(`state dict does not fit the model: ${parts.join('; ')} (expected ${[...params.keys()].join(', ')})`);
    }
    const checked = [...params].map(([name, p]) => {
      const shape = shapeOf(dict[name]!, name);
      if (shape.join() !== p.shape.join()) {
        throw new StateDictError(`"${name}" has shape [${shape.join(', ')}], the model needs [${p.shape.join(', ')}]`);
      }
      return [p, flatten(dict[name]!)] as const;
    });
    for (const [p, values] of checked) tf.tidy(() => p.assign(tf.tensor(values, p.shape, 'float32')));
  }

  /** Frees every parameter's memory. */
  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }
}
