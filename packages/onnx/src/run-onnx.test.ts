import { afterAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { onnxruntimeVersion, useOnnxRuntime } from './run-onnx.js';

describe('onnxruntime-node as an optional peer', () => {
  afterAll(() => useOnnxRuntime(() => import('onnxruntime-node')));

  it('names the missing package and the install command when it cannot be loaded', async () => {
    useOnnxRuntime(() => Promise.reject(new Error("Cannot find package 'onnxruntime-node'")));
    await expect(onnxruntimeVersion()).rejects.toThrow('onnxruntime-node is not installed; run npm install onnxruntime-node@1.30.0');
  });

  it('uses the module an application supplies, after a failed load', async () => {
    useOnnxRuntime(ort);
    expect(await onnxruntimeVersion()).toBe(ort.env.versions.node);
    expect(await onnxruntimeVersion()).toMatch(/^1\.30\./);
  });
});
