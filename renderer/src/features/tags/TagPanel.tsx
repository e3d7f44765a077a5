import { useTranslation } from 'react-i18next';
import type { Annotation, Code } from '../../../../shared/dialogueSchemas';
import { CodeSwatch } from './CodeSwatch';

interface Props {
  annotations: Annotation[];
  codes: ReadonlyMap<string, Code>;
  /** Quotes known before the next save (just-tagged text). */
  provisional: ReadonlyMap<string, string>;
  readOnly: boolean;
  onJump(annotation: Annotation): void;
  onEdit(annotation: Annotation): void;
  onMakeAction(annotation: Annotation, quote: string): void;
}

/** The dialogue's tagged passages; each one jumps to its words. */
export function TagPanel({ annotations, codes, provisional, readOnly, onJump, onEdit, onMakeAction }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel side-panel" aria-labelledby="tags-title">
      <h2 id="tags-title">{t('dialogue.tags.panel')} <span className="count">{annotations.length}</span></h2>
      {annotations.length === 0 ? <p className="subtle">{t('dialogue.tags.empty')}</p> : (
        <ul className="tag-list">
          {annotations.map((annotation) => {
            const code = codes.get(annotation.codeId);
            const quote = annotation.quote || provisional.get(annotation.id) || '';
            const shortQuote = quote.length > 160 ? `${quote.slice(0, 160)}…` : quote;
            return (
              <li key={annotation.id} className={quote ? 'tag-item' : 'tag-item orphan'}>
                <p className="tag-code">
                  {code && <CodeSwatch color={code.color} cue={code.cue} />}
                  <strong>{code?.name ?? '?'}</strong>
                  {annotation.attributes.dilemmaType && <span className="badge">{t(`dialogue.dilemma.${annotation.attributes.dilemmaType}`)}</span>}
                  {annotation.attributes.context && <span className="badge">{t(`dialogue.contexts.${annotation.attributes.context}`)}</span>}
                </p>
                {quote ? (
                  <button type="button" className="tag-quote" onClick={() => onJump(annotation)} aria-label={t('dialogue.tags.jump', { quote: shortQuote })}>
                    “{shortQuote}”
                  </button>
                ) : <p className="subtle">{t('dialogue.tags.orphan')}</p>}
                {annotation.memo && <p className="tag-memo">{annotation.memo}</p>}
                {!readOnly && (
                  <p className="tag-actions">
                    <button type="button" className="button button-ghost" onClick={() => onEdit(annotation)}>{t('common.edit')}</button>
                    {code?.builtinKey === 'agreement' && quote && (
                      <button type="button" className="button button-ghost" onClick={() => onMakeAction(annotation, quote)}>{t('dialogue.tags.makeAction')}</button>
                    )}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
