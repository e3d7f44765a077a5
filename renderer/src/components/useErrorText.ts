import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/errors';
import { catalogs } from '../../../shared/i18n';
import { hasLabel } from '../translationKeys';

/** Turns anything thrown by the API into a translated sentence; never a stack trace. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof AppError) {
      const params: Record<string, string | number> = { ...(error.params ?? {}) };
      if (typeof params.field === 'string') {
        const field = params.field.split('.').pop() ?? '';
        // A field the catalog has no label for is named as the backend named it.
        params.field = hasLabel(catalogs.nl.fields, field) ? t(`fields.${field}`) : field;
      }
      return t(`errors.${error.code}`, params);
    }
    return t('errors.INTERNAL');
  };
}
