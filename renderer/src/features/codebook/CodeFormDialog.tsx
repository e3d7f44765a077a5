import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_COLORS } from '../../../../shared/builtins/codes';
import type { Code } from '../../../../shared/dialogueSchemas';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useColorName } from './CodeLabel';
import { buildTree, flatten, leastUsedColor, pathName, selfAndDescendants } from './codeTree';

export interface CodeValues {
  name: string;
  color: string;
  parentId: string | null;
}

interface Props {
  /** The code being edited, or null to add one. */
  code: Code | null;
  codes: readonly Code[];
  onClose(): void;
  /** Resolves when saved; a thrown error is shown in the dialog and what was typed stays. */
  onSubmit(values: CodeValues): Promise<void>;
  errorText(error: unknown): string;
}

/** Add a code, or rename / recolour / move one. A built-in code only gets the colour choice. */
export function CodeFormDialog({ code, codes, onClose, onSubmit, errorText }: Props) {
  const { t } = useTranslation();
  const colorName = useColorName();
  const builtin = code?.builtinKey != null;
  const [name, setName] = useState(code?.name ?? '');
  const [color, setColor] = useState(() => code?.color.toUpperCase() ?? leastUsedColor(codes));
  const [parentId, setParentId] = useState<string | null>(code?.parentId ?? null);
  // A failed save keeps the dialog open with what was typed; the screen closes it on success.
  const action = useDialogAction({ errorText });

  // A code cannot sit under itself or under anything nested in it.
  const parents = useMemo(() => {
    const excluded = code ? selfAndDescendants(codes, code.id) : new Set<string>();
    return flatten(buildTree(codes)).filter((each) => !excluded.has(each.id));
  }, [codes, code]);

  // A colour outside the palette (older data) stays choosable until the mentor picks another.
  const palette: string[] = CODE_COLORS.some((each) => each === color) ? [...CODE_COLORS] : [...CODE_COLORS, color];

  const title = !code ? t('codebook.addTitle') : builtin ? t('codebook.recolorTitle', { name: code.name }) : t('codebook.editTitle', { name: code.name });

  return (
    <Dialog
      title={title}
      describedBy={builtin ? 'code-builtin-note' : undefined}
      onClose={onClose}
      onSubmit={() => void action.run(() => onSubmit({ name: name.trim(), color, parentId }))}
      error={action.error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={action.busy || (!builtin && name.trim() === '')}>{t('common.save')}</button>
        </>
      )}
    >
      {builtin ? (
        <p className="notice" id="code-builtin-note">{t('codebook.builtinEditNote')}</p>
      ) : (
        <div className="field">
          <label htmlFor="code-name">{t('codebook.fields.name')} <span className="required">({t('common.required')})</span></label>
          <input id="code-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} autoComplete="off" />
        </div>
      )}
      <fieldset className="swatch-group" aria-describedby="code-color-hint">
        <legend>{t('codebook.fields.color')}</legend>
        <p className="hint" id="code-color-hint">{t('codebook.fields.colorHint')}</p>
        <div className="swatch-options">
          {palette.map((each) => (
            <label key={each} className="swatch-option">
              <input type="radio" name="code-color" value={each} checked={color === each} onChange={() => setColor(each)} />
              <span className="code-swatch" style={{ backgroundColor: each }} aria-hidden="true" />
              <span>{colorName(each)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {!builtin && (
        <div className="field">
          <label htmlFor="code-parent">{t('codebook.fields.parent')} <span className="optional">({t('common.optional')})</span></label>
          <select id="code-parent" value={parentId ?? ''} onChange={(event) => setParentId(event.target.value || null)} aria-describedby="code-parent-hint">
            <option value="">{t('codebook.fields.topLevel')}</option>
            {parents.map((each) => <option key={each.id} value={each.id}>{pathName(codes, each)}</option>)}
          </select>
          <p className="hint" id="code-parent-hint">{t('codebook.fields.parentHint')}</p>
        </div>
      )}
    </Dialog>
  );
}
