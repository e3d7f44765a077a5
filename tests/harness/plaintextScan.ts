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
