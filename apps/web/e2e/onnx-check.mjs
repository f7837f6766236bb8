// The page's ONNX check: files go in through onnx-input; the report is read from onnx-report.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A bidirectional LSTM exported by PyTorch at test time, or { skip: reason } without torch. */
export function torchBiLstm(outFile) {
  return new Promise((resolve) => {
    if (!fs.existsSync('/usr/bin/python3')) return resolve({ skip: '/usr/bin/python3 not found' });
    execFile('/usr/bin/python3', [path.join(HERE, 'torch_bilstm.py'), outFile], { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (err && err.code === 3) return resolve({ skip: stderr.trim() });
      if (err) return resolve({ error: `torch export failed: ${stderr.trim().split('\n').at(-1) ?? err.message}` });
      resolve({ bytes: fs.readFileSync(outFile) });
    });
  });
}

/** Gives `bytes` to the page as `name` and waits for the report to name both runtimes. */
export async function onnxReport(page, name, bytes, timeoutMs, { drop = false } = {}) {
  if (drop) {
    // A real drop event carrying the file, on the drop zone around the input.
    const dataTransfer = await page.evaluateHandle(({ name, base64 }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      return dt;
    }, { name, base64: bytes.toString('base64') });
    await page.locator('#onnx-drop').dispatchEvent('drop', { dataTransfer });
  } else await page.getByTestId('onnx-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  const handle = await page.waitForFunction(
    (name) => {
      const text = document.querySelector('[data-testid="onnx-report"]')?.textContent ?? '';
      return text.startsWith(`file ${name}`) && /onnxruntime-web[: ]/.test(text) && /reference evaluator/.test(text) && text;
    },
    name,
    { timeout: timeoutMs, polling: 200 },
  );
  return handle.jsonValue();
}
