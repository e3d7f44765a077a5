import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'migrationChild.ts');

export interface ChildRun { lines: string[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }

/**
 * Runs migrationChild.ts with `env` and hands every stdout line to `onLine`, which may kill the
 * child (it gets the process); resolves when the child has exited, however it exited.
 */
export function runMigrationChild(env: NodeJS.ProcessEnv, onLine: (line: string, child: ChildProcess) => void = () => undefined): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 1);
        lines.push(line);
        onLine(line, child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ lines, code, signal, stderr }));
  });
}
