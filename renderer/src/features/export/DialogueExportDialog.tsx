import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code, Dialogue } from '../../../../shared/dialogueSchemas';
import { turnsOfDoc } from '../../../../shared/conversationMirror';
import { sectionText } from '../../../../shared/editorDoc';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useExportToast } from './useExportToast';

interface Props {
  dialogue: Dialogue;
  codes: ReadonlyMap<string, Code>;
  /** Saves pending text first, so the document holds what is on screen. */
  beforeExport(): Promise<void>;
  onClose(): void;
}

/** Says what the summary will contain, lets the mentor choose private notes and comments, then saves. */
export function DialogueExportDialog({ dialogue, codes, beforeExport, onClose }: Props) {
  const { t } = useTranslation();
  const showExport = useExportToast();
  const id = useId();
  const [includePrivate, setIncludePrivate] = useState(false);
  const [tagsAsComments, setTagsAsComments] = useState(true);
  const [includeMirror, setIncludeMirror] = useState(false);
  const hasTurns = turnsOfDoc(dialogue.content).length > 0;
  const { busy, error, run } = useDialogAction({ onDone: onClose });

  const privateKeys = new Set(dialogue.template.sections.filter((section) => section.private).map((section) => section.key));
  const withText = dialogue.content.filter((section) => sectionText(section).trim() !== '');
  const sections = withText.filter((section) => includePrivate || !privateKeys.has(section.sectionKey)).length;
  const privateLeftOut = includePrivate ? 0 : withText.filter((section) => privateKeys.has(section.sectionKey)).length;
  const tagged = dialogue.annotations.filter((annotation) => annotation.quote);
  const boundary = tagged.filter((annotation) => codes.get(annotation.codeId)?.builtinKey === 'boundaryExperience').length;

  async function save() {
    await run(async () => {
      await beforeExport();
      const result = await getApi().export.dialogue({ dialogueId: dialogue.id, includePrivate, tagsAsComments, includeMirror: hasTurns && includeMirror });
      showExport(result);
    });
  }

  return (
    <Dialog
      title={t('exporting.dialogueTitle')}
      describedBy={`${id}-includes`}
      onClose={onClose}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
            {busy ? t('exporting.saving') : t('exporting.save')}
          </button>
        </>
      )}
    >
      <div>
        <h3>{t('exporting.includes')}</h3>
        <ul id={`${id}-includes`} className="include-list">
          <li>{t('exporting.sections', { count: sections })}</li>
          <li>{t('exporting.boundary', { count: boundary })}</li>
          <li>{t('exporting.tags', { count: tagged.length })}</li>
          <li>{t('exporting.actions', { count: dialogue.actions.length })}</li>
          {dialogue.amendments.length > 0 && <li>{t('exporting.amendments', { count: dialogue.amendments.length })}</li>}
        </ul>
        {privateLeftOut > 0 && <p className="hint">{t('exporting.privateCount', { count: privateLeftOut })}</p>}
        <label className="checkbox">
          <input type="checkbox" checked={includePrivate} onChange={(event) => setIncludePrivate(event.target.checked)} />
          <span>{t('exporting.includePrivate')}</span>
        </label>
        {includePrivate && <p className="notice" role="status">{t('exporting.privateWarning')}</p>}
        <label className="checkbox">
          <input type="checkbox" checked={tagsAsComments} onChange={(event) => setTagsAsComments(event.target.checked)} />
          <span>{t('exporting.tagsAsComments')}</span>
        </label>
        {hasTurns && (
          <label className="checkbox">
            <input type="checkbox" checked={includeMirror} onChange={(event) => setIncludeMirror(event.target.checked)} />
            <span>{t('mirror.include')}</span>
          </label>
        )}
      </div>
    </Dialog>
  );
}
