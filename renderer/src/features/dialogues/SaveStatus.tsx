import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components/useErrorText';
import type { SaveState } from './useAutosave';

/** Where the text stands, said in words and announced politely. */
export function SaveStatus({ state, wordCount, onRetry }: { state: SaveState; wordCount: number; onRetry(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="save-status">
      <span role="status" aria-live="polite" data-state={state.kind}>
        {state.kind === 'saving' || state.kind === 'dirty' ? t('dialogue.screen.saving')
          : state.kind === 'failed' ? t('dialogue.screen.saveFailed', { reason: errorText(state.error) })
            : state.kind === 'saved' ? t('dialogue.screen.saved') : ''}
      </span>
      {state.kind === 'failed' && <button type="button" className="link-button" onClick={onRetry}>{t('dialogue.screen.retry')}</button>}
      <span className="word-count">{t('dialogue.studentPage.words', { count: wordCount })}</span>
    </div>
  );
}
