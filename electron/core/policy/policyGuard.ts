import type { Channel } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { PolicyLockable } from '../../../shared/policySchemas';
import type { LoadedPolicy } from './loadPolicy';

/**
 * Refuses a request that would change a setting the school's policy locks, with POLICY_LOCKED
 * naming the setting, before any handler runs. Sending the locked value itself is not a change
 * (the settings form sends all its fields at once), so it passes.
 */

type Request = Record<string, unknown>;
type Check = (request: Request, policy: LoadedPolicy) => PolicyLockable | null;

function changes(policy: LoadedPolicy, key: PolicyLockable, value: unknown): boolean {
  if (!policy.locked.has(key) || value === undefined) return false;
  const locked = key === 'backupSchedule' ? policy.values.backupSchedule === 'daily' : policy.values[key as keyof typeof policy.values];
  return value !== locked;
}

const SETTINGS_KEYS = ['schoolName', 'autoLockMinutes', 'hideWhileSharing', 'audioRetentionDays', 'language'] as const;

const CHECKS: Partial<Record<Channel, Check>> = {
  'settings:update': (request, policy) => SETTINGS_KEYS.find((key) => changes(policy, key, request[key])) ?? null,
  'settings:setLanguage': (request, policy) => (changes(policy, 'language', request.language) ? 'language' : null),
  'settings:setLogo': (_request, policy) => (policy.locked.has('logo') ? 'logo' : null),
  'settings:clearLogo': (_request, policy) => (policy.locked.has('logo') ? 'logo' : null),
  'retention:setYears': (request, policy) => (changes(policy, 'retentionYears', request.years) ? 'retentionYears' : null),
  'backups:chooseFolder': (_request, policy) => (policy.locked.has('backupFolder') ? 'backupFolder' : null),
  'backups:updateSettings': (request, policy) => {
    if (changes(policy, 'backupKeepDays', request.keep)) return 'backupKeepDays';
    if (changes(policy, 'backupSchedule', request.automatic)) return 'backupSchedule';
    return null;
  },
};

export function guardPolicy(policy: LoadedPolicy, channel: Channel, request: unknown): void {
  if (policy.status !== 'applied' || policy.locked.size === 0) return;
  const key = CHECKS[channel]?.((request ?? {}) as Request, policy) ?? null;
  if (key) throw new AppError('POLICY_LOCKED', { setting: key });
}
