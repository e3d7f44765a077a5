import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationAttributes, Code } from '../../../../shared/dialogueSchemas';
import { DILEMMA_TYPES, EXPERIENCE_CONTEXTS } from '../../../../shared/domain';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { CodeSwatch } from './CodeSwatch';

export interface TagChoice { codeId: string; memo: string; attributes: AnnotationAttributes }

interface Props {
  codes: Code[];
  quote: string;
  initial?: TagChoice;
  onSubmit(choice: TagChoice): Promise<void>;
  onRemove?(): Promise<void>;
  onClose(): void;
}

/** Chooses a code (with dilemma type and context for a boundary experience) and a memo. */
export function TagDialog({ codes, quote, initial, onSubmit, onRemove, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [codeId, setCodeId] = useState(initial?.codeId ?? codes[0]?.id ?? '');
  const [memo, setMemo] = useState(initial?.memo ?? '');
  const [dilemmaType, setDilemmaType] = useState(initial?.attributes.dilemmaType ?? '');
  const [context, setContext] = useState(initial?.attributes.context ?? '');
  // Save and remove share one busy state and one error line; the screen closes the dialog.
  const action = useDialogAction();
  const boundary = codes.find((code) => code.id === codeId)?.builtinKey === 'boundaryExperience';

  function submit() {
    const attributes: AnnotationAttributes = boundary
      ? { ...(dilemmaType ? { dilemmaType: dilemmaType as AnnotationAttributes['dilemmaType'] } : {}), ...(context ? { context: context as AnnotationAttributes['context'] } : {}) }
      : {};
    void action.run(() => onSubmit({ codeId, memo, attributes }));
  }

  const depth = (code: Code): number => {
    let level = 0;
    let parent = codes.find((other) => other.id === code.parentId);
    while (parent && level < 10) {
      level++;
      parent = codes.find((other) => other.id === parent!.parentId);
    }
    return level;
  };

  return (
    <Dialog
      title={initial ? t('dialogue.tags.editTitle') : t('dialogue.tags.dialogTitle')}
      describedBy={`${id}-quote`}
      onClose={onClose}
      onSubmit={submit}
      error={action.error}
      actions={(
        <>
          {onRemove && (
            <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void action.run(onRemove)}>
              {t('dialogue.tags.remove')}
            </button>
          )}
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={action.busy || !codeId}>{t('dialogue.tags.save')}</button>
        </>
      )}
    >
      <figure className="quote-preview">
        <figcaption className="hint">{t('dialogue.tags.selected')}</figcaption>
        <blockquote id={`${id}-quote`}>{quote.length > 400 ? `${quote.slice(0, 400)}…` : quote}</blockquote>
      </figure>
      {/* The whole list shows; the dialog's body scrolls, not a box of its own inside it. */}
      <fieldset className="code-choices">
        <legend>{t('dialogue.tags.code')}</legend>
        {codes.map((code) => (
          <label key={code.id} className="code-choice" style={{ paddingInlineStart: `${depth(code) * 1.25}rem` }}>
            <input type="radio" name={`${id}-code`} value={code.id} checked={codeId === code.id} onChange={() => setCodeId(code.id)} />
            <CodeSwatch color={code.color} cue={code.cue} />
            <span>{code.name}</span>
          </label>
        ))}
      </fieldset>
      {boundary && (
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-dilemma`}>{t('dialogue.tags.dilemmaType')}</label>
            <select id={`${id}-dilemma`} value={dilemmaType} onChange={(event) => setDilemmaType(event.target.value)}>
              <option value="">—</option>
              {DILEMMA_TYPES.map((type) => <option key={type} value={type}>{t(`dialogue.dilemma.${type}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-context`}>{t('dialogue.tags.context')}</label>
            <select id={`${id}-context`} value={context} onChange={(event) => setContext(event.target.value)}>
              <option value="">—</option>
              {EXPERIENCE_CONTEXTS.map((value) => <option key={value} value={value}>{t(`dialogue.contexts.${value}`)}</option>)}
            </select>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-memo`}>{t('dialogue.tags.memo')}</label>
        <textarea id={`${id}-memo`} rows={3} maxLength={5000} value={memo} placeholder={t('dialogue.tags.memoHint')} onChange={(event) => setMemo(event.target.value)} />
      </div>
    </Dialog>
  );
}
