#!/usr/bin/env node
import { useOnnxRuntime } from '@rnnkit/onnx/node';
import { main } from './main.js';

// The CLI's own onnxruntime-node, wherever npm placed @rnnkit/onnx (an optional peer there).
useOnnxRuntime(() => import('onnxruntime-node'));
process.exitCode = await main(process.argv.slice(2));
