import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';

/** Says, on the first screen after unlocking, when files have passed their retention period. */
export function RetentionReminder() {
  const { t } = useTranslation();
  const { go } = useNavigation();
  const [count, setCount] = useState(0);
  useEffect(() => {
    getApi().retention.due().then((items) => setCount(items.length), () => setCount(0));
  }, []);
  if (count === 0) return null;
  return (
    <p className="notice" role="status">
      {t('safety.retention.reminder', { count })}{' '}
      <button type="button" className="link-button" onClick={() => go({ screen: 'settings' })}>{t('safety.retention.review')}</button>
    </p>
  );
}
