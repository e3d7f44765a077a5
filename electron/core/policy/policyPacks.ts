import { AppError } from '../../../shared/errors';
import { MAX_PACK_BYTES, type Pack } from '../../../shared/packSchemas';
import type { PolicyProblem } from '../../../shared/policySchemas';
import type { Db } from '../db/connection';
import { importPack, packPreview, parsePack } from '../exchange/pack';
import { logEvent } from '../log';
import { Services } from '../services';
import { readBounded } from './boundedRead';

/**
 * The policy's template and codebook packs (`.lbdpack`, exchange/pack.ts): read and checked at
 * start with the policy file, so a broken pack makes the policy invalid like any other error;
 * loaded into the vault at unlock, where a pack the vault already holds adds nothing and
 * records nothing.
 */

export function readPolicyPacks(paths: string[], keys: string[]): { packs: Pack[]; problems: PolicyProblem[] } {
  const packs: Pack[] = [];
  const problems: PolicyProblem[] = [];
  paths.forEach((path, index) => {
    const key = keys[index] ?? `packs.${index}`;
    const read = readBounded(path, MAX_PACK_BYTES);
    if ('missing' in read || ('problem' in read && read.problem === 'unreadable')) {
      problems.push({ code: 'pack_unreadable', key });
      return;
    }
    if ('problem' in read) {
      problems.push({ code: 'pack_too_large', key });
      return;
    }
    try {
      packs.push(parsePack(read.bytes));
    } catch (error) {
      problems.push({ code: error instanceof AppError && error.code === 'PACK_TOO_LARGE' ? 'pack_too_large' : 'pack_invalid', key });
    }
  });
  return { packs, problems };
}

/** Adds what the packs have and the vault does not yet; returns how many packs added anything. */
export function applyPolicyPacks(db: Db, packs: readonly Pack[], now: () => number): number {
  const services = new Services(db);
  let applied = 0;
  for (const pack of packs) {
    const plan = packPreview(services, pack);
    if (plan.templatesNew.length === 0 && plan.codesNew === 0) continue;
    importPack(db, pack, now);
    applied += 1;
  }
  if (applied > 0) logEvent('policy.packs_loaded', { packs: applied });
  return applied;
}
