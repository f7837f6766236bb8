import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rnnkit, tempDir } from '../test-utils.js';

// `rnnkit export --state` as a server would use it: a day at a time through `rnnkit run`, the
// state carried from Y_h/Y_c to initial_h/initial_c, must give the whole window's output.
const dir = tempDir('rnnkit-state-');
const run = join(dir, 'lstm');
const file = join(dir, 'stream.onnx');
const [L, H] = [2, 6];
type Outputs = Record<string, { dims: number[]; data: number[] }>;

beforeAll(async () => {
  const r = await rnnkit(['train', '--quiet', '--cell', 'lstm', '--layers', String(L), '--hidden', String(H), '--epochs', '5', '--out', run]);
  expect(r.code).toBe(0);
}, 60_000);

/** `rnnkit run --json` on the given inputs. */
async function runModel(feeds: Record<string, { dims: number[]; data: number[] }>, runtime: string): Promise<Outputs> {
  const input = join(dir, `in-${runtime}.json`);
  writeFileSync(input, JSON.stringify(feeds));
  const r = await rnnkit(['run', '--model', file, '--input', input, '--runtime', runtime, '--json']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return (JSON.parse(r.stdout) as { outputs: Outputs }).outputs;
}

describe('rnnkit export --state', () => {
  it('writes initial_h/initial_c in and Y_h/Y_c out, which inspect lists and verify --run accepts', async () => {
    const e = await rnnkit(['export', '--run', run, '--out', file, '--state']);
    expect([e.code, e.stdout]).toEqual([0, expect.stringMatching(/^wrote .* \(\d+ bytes, op style, opset 14, state initial_h → Y_h, initial_c → Y_c\)\n$/)]);
    const i = await rnnkit(['inspect', file]);
    expect(i.stdout).toContain(`inputs     input [seq, batch, 4], initial_h [${L}, batch, ${H}], initial_c [${L}, batch, ${H}]\n`);
    expect(i.stdout).toContain(`outputs    output [batch, 1], Y_h [${L}, batch, ${H}], Y_c [${L}, batch, ${H}]\n`);
    expect(i.stdout).toMatch(/rnnkit\.state +\{"inputs":\["initial_h","initial_c"\],"outputs":\["Y_h","Y_c"\],"layers":2,"hidden":6\}/);
    const v = await rnnkit(['verify', '--model', file, '--run', run, '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ n: 57, ok: true });
    const any = await rnnkit(['verify', '--model', file, '--runtimes', 'reference,onnxruntime-node']);
    expect(any.code).toBe(0);
    expect(any.stdout).toMatch(/Y_c +reference vs onnxruntime-node/);
  }, 60_000);

  for (const runtime of ['onnxruntime-node', 'reference']) {
    it(`a day at a time in ${runtime} gives the 4-day run's output and state within 1e-6`, async () => {
      const days = [[0.1, 0.2, 0.15, 0.18], [0.3, 0.35, 0.25, 0.3], [0.5, 0.55, 0.45, 0.52], [0.6, 0.62, 0.58, 0.6]];
      const zero = { dims: [L, 1, H], data: new Array<number>(L * H).fill(0) };
      const full = await runModel({ input: { dims: [4, 1, 4], data: days.flat() }, initial_h: zero, initial_c: zero }, runtime);
      let state = { initial_h: zero, initial_c: zero };
      let out: Outputs = {};
      for (const day of days) {
        out = await runModel({ input: { dims: [1, 1, 4], data: day }, ...state }, runtime);
        state = { initial_h: out.Y_h!, initial_c: out.Y_c! };
      }
      for (const name of ['output', 'Y_h', 'Y_c']) {
        const diff = full[name]!.data.reduce((m, v, i) => Math.max(m, Math.abs(v - out[name]!.data[i]!)), 0);
        expect(diff).toBeLessThan(1e-6);
      }
    }, 60_000);
  }

  it('refuses --state with --style unrolled in one line, exit 2, and writes nothing', async () => {
    const never = join(dir, 'never.onnx');
    const r = await rnnkit(['export', '--run', run, '--out', never, '--state', '--style', 'unrolled']);
    expect([r.code, r.stderr]).toEqual([2, 'rnnkit export: --state needs --style op: the unrolled graph always reads the whole window from a zero state; see rnnkit export --help\n']);
    expect(existsSync(never)).toBe(false);
  });
});
