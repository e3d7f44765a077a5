import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Logo } from '../../../../shared/exportSchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { fileToBase64 } from '../import/fileToBase64';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';

/** The school logo for document headers; the backend checks the bytes, not the file name. */
export function LogoSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [logo, setLogo] = useState<Logo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locked = isLocked(usePolicy(), 'logo');

  useEffect(() => {
    getApi().settings.getLogo().then(setLogo, (caught) => setError(errorText(caught)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      setLogo(await getApi().settings.setLogo({ fileName: file.name, dataBase64: await fileToBase64(file) }));
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <div className="field logo-setting">
      <label htmlFor={`${id}-file`}>{t('exporting.logo')}</label>
      <p className="hint" id={`${id}-hint`}>{t('exporting.logoHint')}</p>
      <div className="row">
        {logo && <img className="logo-preview" src={`data:${logo.mimeType};base64,${logo.dataBase64}`} alt="" />}
        <p role="status">{logo ? t('exporting.logoSet', { width: logo.width, height: logo.height }) : t('exporting.logoNone')}</p>
      </div>
      {locked && <SetBySchool id={`${id}-school`} />}
      <input id={`${id}-file`} type="file" accept="image/png,image/jpeg" aria-describedby={locked ? `${id}-school ${id}-hint` : `${id}-hint`} disabled={locked}
        onChange={(event) => { void choose(event.target.files?.[0]); event.target.value = ''; }} />
      {logo && !locked && (
        <div>
          <button type="button" className="button button-ghost" onClick={() => void getApi().settings.clearLogo().then(() => setLogo(null), (caught) => setError(errorText(caught)))}>
            {t('exporting.logoRemove')}
          </button>
        </div>
      )}
      <ErrorMessage message={error} />
    </div>
  );
}
