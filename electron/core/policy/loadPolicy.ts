import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { MAX_LOGO_BYTES, type Logo } from '../../../shared/exportSchemas';
import type { Pack } from '../../../shared/packSchemas';
import {
  MAX_POLICY_BYTES, POLICY_RANGES, PolicyFile, type PolicyLockable, type PolicyProblem, type PolicyView,
} from '../../../shared/policySchemas';
import { imageInfo } from '../export/logo';
import { logEvent } from '../log';
import { readBounded } from './boundedRead';
import { readPolicyPacks } from './policyPacks';

/**
 * Reads the school's policy file once, at host start. The file is placed by the school's IT in a
 * folder only administrators can write, but it is still bytes from disk: its size is checked
 * before anything is read, the JSON before the schema, and a logo by its own size and magic
 * bytes. Anything wrong makes the whole file invalid: the app then runs on its own defaults
 * and says why (a list of problems, each a code and the key it is about). It never throws.
 */

export interface LoadedPolicy {
  path: string | null;
  status: PolicyView['status'];
  /** The file's values; empty unless the status is `applied`. */
  values: PolicyFile;
  locked: ReadonlySet<PolicyLockable>;
  logo: Logo | null;
  /** Absolute paths of the packs the file names, and the packs read from them (loaded at unlock). */
  packPaths: string[];
  packs: Pack[];
  problems: PolicyProblem[];
}

export function noPolicy(path: string | null = null): LoadedPolicy {
  return { path, status: 'none', values: {}, locked: new Set(), logo: null, packPaths: [], packs: [], problems: [] };
}

function invalid(path: string, problems: PolicyProblem[]): LoadedPolicy {
  // Codes and keys only: a key is one of ours or what the file misspelled, never a value.
  logEvent('policy.invalid', { problems: problems.length, first: problems[0]?.code ?? 'unknown', key: (problems[0]?.key ?? '').slice(0, 60) });
  return { ...noPolicy(path), status: 'invalid', problems: problems.slice(0, 20) };
}

function keyOf(path: readonly PropertyKey[]): string | undefined {
  return path.length > 0 ? path.map(String).join('.').slice(0, 200) : undefined;
}

/** Zod's issues as problems a school's IT can act on: which key, and what was expected. */
export function problemsOf(error: z.ZodError): PolicyProblem[] {
  return error.issues.flatMap((issue): PolicyProblem[] => {
    const key = keyOf(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((name) => ({ code: 'unknown_key', key: keyOf([...issue.path, name]) }));
      case 'too_small':
      case 'too_big': {
        if (issue.origin === 'number' || issue.origin === 'int') {
          // Both ends, so the message can say "between 1 and 20" whichever end was crossed.
          const range = key && key in POLICY_RANGES ? POLICY_RANGES[key as keyof typeof POLICY_RANGES] : null;
          return [range ? { code: 'out_of_range', key, min: range.min, max: range.max } : { code: 'wrong_type', key }];
        }
        // A string or list: empty is a wrong value, too long is too long.
        return [{ code: issue.code === 'too_big' ? 'too_long' : 'wrong_type', key }];
      }
      case 'invalid_value':
        return [{ code: 'not_allowed', key, allowed: issue.values.map(String).join(', ').slice(0, 200) }];
      default:
        return [{ code: 'wrong_type', key }];
    }
  });
}

function readLogo(path: string): { logo: Logo } | { problem: PolicyProblem } {
  const read = readBounded(path, MAX_LOGO_BYTES);
  if ('missing' in read) return { problem: { code: 'logo_unreadable', key: 'logo' } };
  if ('problem' in read) return { problem: { code: read.problem === 'too_large' ? 'logo_too_large' : 'logo_unreadable', key: 'logo' } };
  const info = imageInfo(read.bytes);
  if (!info) return { problem: { code: 'logo_invalid', key: 'logo' } };
  return { logo: { ...info, dataBase64: read.bytes.toString('base64') } };
}

/** The policy at `path`; `null` (no machine-wide place on this OS) is no policy. */
export function loadPolicy(path: string | null): LoadedPolicy {
  if (path === null) return noPolicy();
  const read = readBounded(path, MAX_POLICY_BYTES);
  if ('missing' in read) return noPolicy(path);
  if ('problem' in read) return invalid(path, [{ code: read.problem }]);

  let json: unknown;
  try {
    // Notepad on Windows may write a byte-order mark.
    json = JSON.parse(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return invalid(path, [{ code: 'not_json' }]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return invalid(path, [{ code: 'not_object' }]);
  const parsed = PolicyFile.safeParse(json);
  if (!parsed.success) return invalid(path, problemsOf(parsed.error));
  const values = parsed.data;

  const problems: PolicyProblem[] = [];
  const locked = new Set(values.locked ?? []);
  for (const key of locked) if (values[key] === undefined) problems.push({ code: 'locked_without_value', key });
  if (values.backupFolder !== undefined && !isAbsolute(values.backupFolder)) problems.push({ code: 'not_absolute', key: 'backupFolder' });

  // Paths in the file are relative to the file's own folder, so IT can ship the folder whole.
  const base = dirname(path);
  let logo: Logo | null = null;
  if (values.logo !== undefined) {
    const result = readLogo(resolve(base, values.logo));
    if ('problem' in result) problems.push(result.problem);
    else logo = result.logo;
  }
  const packPaths = (values.packs ?? []).map((pack) => resolve(base, pack));
  // Read only when the rest is sound: a broken file names no packs worth reading.
  const { packs, problems: packProblems } = problems.length > 0 ? { packs: [], problems: [] } : readPolicyPacks(packPaths, packPaths.map((_, index) => `packs.${index}`));
  problems.push(...packProblems);
  if (problems.length > 0) return invalid(path, problems);
  logEvent('policy.applied', { keys: Object.keys(values).length, locked: locked.size });
  return { path, status: 'applied', values, locked, logo, packPaths, packs, problems: [] };
}

export function policyView(policy: LoadedPolicy): PolicyView {
  return {
    status: policy.status,
    path: policy.path,
    schoolName: policy.values.schoolName ?? null,
    locked: [...policy.locked],
    packs: policy.packPaths.length,
    problems: policy.problems.slice(0, 20),
  };
}
