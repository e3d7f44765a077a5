import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every AES-GCM decipher pins the tag length to 16 bytes. Without authTagLength, Node accepts
// a tag as short as 4 bytes from the file, and a forger then needs far fewer guesses. A scan,
// so that a decipher added later without it fails here.

const repoRoot = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(?:ts|mts|cts|mjs|cjs|js)$/.test(name) ? [path] : [];
  });
}

/** The text of each `createDecipheriv(...)` call, up to its closing parenthesis. */
function decipherCalls(source: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf('createDecipheriv('); at >= 0; at = source.indexOf('createDecipheriv(', at + 1)) {
    let depth = 0;
    let end = at + 'createDecipheriv'.length;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    calls.push(source.slice(at, end + 1));
  }
  return calls;
}

/** Whether a call pins the tag to 16 bytes, literally or through a constant of this file. */
function pinsSixteen(call: string, source: string): boolean {
  const match = /authTagLength:\s*([A-Za-z_$][\w$]*|\d+)/.exec(call);
  if (!match) return false;
  const value = match[1]!;
  if (/^\d+$/.test(value)) return value === '16';
  return new RegExp(`\\bconst\\s+${value.replace(/\$/g, '\\$')}\\s*=\\s*16\\b`).test(source);
}

describe('AES-GCM deciphers', () => {
  it('pin authTagLength to 16 everywhere in the app', () => {
    const found: string[] = [];
    const offenders: string[] = [];
    for (const root of ['electron', 'shared', 'scripts']) {
      for (const file of sourceFiles(join(repoRoot, root))) {
        const source = readFileSync(file, 'utf8');
        for (const call of decipherCalls(source)) {
          found.push(relative(repoRoot, file));
          // A cipher named in the call that is not GCM has no tag; anything else must pin it.
          const named = /createDecipheriv\(\s*['"]([^'"]+)['"]/.exec(call)?.[1];
          if (named && !/gcm/i.test(named)) continue;
          if (!pinsSixteen(call, source)) offenders.push(`${relative(repoRoot, file)}: ${call.replace(/\s+/g, ' ')}`);
        }
      }
    }
    // The scan sees the deciphers there are (key wraps, handover files), so it is not vacuous.
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(offenders).toEqual([]);
  });

  it('the scan itself spots a decipher without the pin', () => {
    const without = "const d = createDecipheriv('aes-256-gcm', key, iv);";
    const short = "const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 8 });";
    const viaConstant = "const TAG = 16;\nconst d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });";
    expect(decipherCalls(without).map((call) => pinsSixteen(call, without))).toEqual([false]);
    expect(decipherCalls(short).map((call) => pinsSixteen(call, short))).toEqual([false]);
    expect(decipherCalls(viaConstant).map((call) => pinsSixteen(call, viaConstant))).toEqual([true]);
  });
});
