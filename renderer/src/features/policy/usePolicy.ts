import { useEffect, useState } from 'react';
import type { PolicyLockable, PolicyView } from '../../../../shared/policySchemas';
import { getApi } from '../../api';

/**
 * The school's policy as the backend read it at start. It does not change while the app runs,
 * so it is asked once per page and shared; a failed request is asked again next time.
 */
let cached: Promise<PolicyView> | null = null;

function load(): Promise<PolicyView> {
  cached ??= getApi().policy.get().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export function usePolicy(): PolicyView | null {
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  useEffect(() => {
    let live = true;
    load().then((value) => { if (live) setPolicy(value); }, () => undefined);
    return () => { live = false; };
  }, []);
  return policy;
}

/** Whether the school locks this setting; false until the policy is known (the backend refuses anyway). */
export function isLocked(policy: PolicyView | null, key: PolicyLockable): boolean {
  return policy?.locked.includes(key) ?? false;
}
