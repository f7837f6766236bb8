// The "Check an ONNX file" panel: a file input and a drop zone feed checkOnnx; the report is text.
import { checkOnnx } from './onnx-check.js';

export function initOnnxPanel(): void {
  const report = document.getElementById('onnx-report')!;
  const check = async (file: File) => {
    report.textContent = `checking ${file.name}…`;
    try {
      report.textContent = (await checkOnnx(file.name, new Uint8Array(await file.arrayBuffer()))).join('\n');
    } catch (err) {
      report.textContent = `${file.name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    }
  };
  const input = document.getElementById('onnx-input') as HTMLInputElement;
  input.addEventListener('change', () => input.files?.[0] && void check(input.files[0]));
  const drop = document.getElementById('onnx-drop')!;
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void check(file);
  });
}
