import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file below `dir` whose bytes contain one of `needles` (UTF-8 or UTF-16LE). */
export async function filesContaining(dir: string, needles: string[]): Promise<{ file: string; needle: string }[]> {
  const hits: { file: string; needle: string }[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) hits.push({ file, needle });
    }
  }
  return hits;
}

/** Every file below `dir` that holds one of `needles` byte for byte (audio, not text; issue 17). */
export async function filesContainingBytes(dir: string, needles: Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (needles.some((needle) => bytes.includes(needle))) hits.push(file);
  }
  return hits;
}
