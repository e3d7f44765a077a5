import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PolicyProblem } from '../../../../shared/policySchemas';
import { usePolicy } from './usePolicy';

function problemText(t: TFunction, problem: PolicyProblem): string {
  return t(`policy.problems.${problem.code}`, { key: problem.key ?? '', min: problem.min ?? '', max: problem.max ?? '', allowed: problem.allowed ?? '' });
}

/**
 * Says that the school's policy file could not be used and why, on the unlock screen and in the
 * settings. The app runs on its own defaults meanwhile; nothing here stops it.
 */
export function PolicyNotice() {
  const { t } = useTranslation();
  const policy = usePolicy();
  if (policy?.status !== 'invalid') return null;
  return (
    <div className="notice policy-notice" role="status">
      <p><strong>{t('policy.invalidTitle')}</strong></p>
      <p>{t('policy.invalidIntro', { path: policy.path ?? '' })}</p>
      <ul>
        {policy.problems.map((problem, index) => <li key={index}>{problemText(t, problem)}</li>)}
      </ul>
    </div>
  );
}
