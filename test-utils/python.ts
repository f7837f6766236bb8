import { execFileSync } from 'node:child_process';

/** True when Debian's /usr/bin/python3 can import all these modules (e.g. 'torch', 'onnx'). */
export function pythonHas(...modules: string[]): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
