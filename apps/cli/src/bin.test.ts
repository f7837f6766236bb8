import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, readJson, tempDir } from './test-utils.js';

describe('rnnkit | a reader that stops early', () => {
  it('train | head -1: exit 0, no EPIPE trace, the run folder still written', async () => {
    const out = join(tempDir(), 'run');
    const child = spawn(process.execPath, [BIN, 'train', '--epochs', '5', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `head -1`: read the first chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'model.onnx'))).toBe(true);
    expect(readJson(join(out, 'metrics.json')).trainLoss).toHaveLength(5);
  });
});
