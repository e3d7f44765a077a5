import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../../shared/dialogueSchemas';
import { AppError } from '../../../../shared/errors';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { CodeFormDialog, type CodeValues } from './CodeFormDialog';
import { CodeLabel } from './CodeLabel';
import { buildTree, type CodeNode, flatten, pathName } from './codeTree';
import '../../styles/features.css';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; code: Code }
  | { kind: 'merge'; code: Code }
  | { kind: 'delete'; code: Code }
  | null;

const isBuiltin = (code: Code) => code.builtinKey !== null;

/** The built-in codes and the mentor's own, as a tree, with everything a mentor does to them. */
export function CodebookScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const toasts = useToasts();
  const baseErrorText = useErrorText();
  const [codes, setCodes] = useState<Code[] | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);

  // READ_ONLY here can only mean a built-in code; say so in this screen's words.
  const errorText = useCallback((caught: unknown) =>
    caught instanceof AppError && caught.code === 'READ_ONLY' ? t('codebook.readOnly') : baseErrorText(caught), [t, baseErrorText]);

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
  }, [session, errorText]);

  const reload = useCallback(async () => {
    try {
      setCodes(await getApi().codes.list());
    } catch (caught) {
      fail(caught);
    }
  }, [fail]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a change from a dialog: errors stay in the dialog, except a lock, which ends the session. */
  const change = useCallback(async (run: () => Promise<string>, undo?: () => Promise<void>) => {
    let message: string;
    try {
      message = await run();
    } catch (caught) {
      if (session.handleLocked(caught)) return;
      throw caught;
    }
    setOpen(null);
    setError(null);
    toasts.show(message, undo ? () => void undo().then(reload, fail) : undefined);
    await reload();
  }, [session, toasts, reload, fail]);

  const tree = useMemo(() => buildTree(codes ?? []), [codes]);
  const builtinRoots = tree.filter((node) => isBuiltin(node.code));
  const ownRoots = tree.filter((node) => !isBuiltin(node.code));
  const hasOwn = (codes ?? []).some((code) => !isBuiltin(code));

  async function save(values: CodeValues) {
    const api = getApi().codes;
    if (open?.kind === 'edit') {
      const before = open.code;
      const request = isBuiltin(before)
        ? { id: before.id, color: values.color }
        : { id: before.id, name: values.name, color: values.color, parentId: values.parentId };
      await change(async () => {
        const updated = await api.update(request);
        return t('codebook.updatedToast', { name: updated.name });
      }, async () => {
        await api.update(isBuiltin(before)
          ? { id: before.id, color: before.color }
          : { id: before.id, name: before.name, color: before.color, parentId: before.parentId });
      });
    } else {
      let createdId = '';
      await change(async () => {
        const created = await api.create(values);
        createdId = created.id;
        return t('codebook.addedToast', { name: created.name });
      }, async () => {
        await api.delete({ id: createdId });
      });
    }
  }

  const row = (node: CodeNode) => {
    const { code } = node;
    const builtin = isBuiltin(code);
    return (
      <li key={code.id} className="code-item">
        <div className="code-row">
          <CodeLabel code={code} />
          {builtin && <span className="badge">{t('codebook.builtin')}</span>}
          <span className="code-usage">{t('codebook.usage', { count: code.usage })}</span>
          <span className="code-actions">
            <button type="button" className="button button-ghost" onClick={() => setOpen({ kind: 'edit', code })}
              aria-label={`${builtin ? t('codebook.recolor') : t('codebook.edit')}: ${code.name}`}>
              {builtin ? t('codebook.recolor') : t('codebook.edit')}
            </button>
            {!builtin && (
              <>
                <button type="button" className="button button-ghost" onClick={() => setOpen({ kind: 'merge', code })}
                  aria-label={`${t('codebook.merge')}: ${code.name}`}>
                  {t('codebook.merge')}
                </button>
                <button type="button" className="button button-ghost button-ghost-danger" onClick={() => setOpen({ kind: 'delete', code })}
                  aria-label={`${t('codebook.delete')}: ${code.name}`}>
                  {t('codebook.delete')}
                </button>
              </>
            )}
          </span>
        </div>
        {node.children.length > 0 && <ul className="code-tree">{node.children.map(row)}</ul>}
      </li>
    );
  };

  return (
    <section className="screen codebook" aria-labelledby="codebook-title">
      <header className="screen-header">
        <div>
          <h1 id="codebook-title">{t('codebook.title')}</h1>
          <p className="subtle intro">{t('codebook.intro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'add' })} disabled={!codes}>
          + {t('codebook.add')}
        </button>
      </header>
      <ErrorMessage message={error} />

      {codes && (
        <>
          <section className="panel panel-wide" aria-labelledby="codebook-builtin">
            <h2 id="codebook-builtin">{t('codebook.builtinHeading')}</h2>
            <p className="hint">{t('codebook.builtinExplanation')}</p>
            <ul className="code-tree code-tree-root">{builtinRoots.map(row)}</ul>
          </section>

          <section className="panel panel-wide" aria-labelledby="codebook-own">
            <h2 id="codebook-own">{t('codebook.ownHeading')}</h2>
            {!hasOwn ? (
              <div className="empty-inline">
                <h3>{t('codebook.emptyTitle')}</h3>
                <p>{t('codebook.emptyBody')}</p>
                <button type="button" className="button button-secondary" onClick={() => setOpen({ kind: 'add' })}>
                  + {t('codebook.add')}
                </button>
              </div>
            ) : (
              <>
                <p className="hint">{t('codebook.ownIntro')}</p>
                {ownRoots.length > 0
                  ? <ul className="code-tree code-tree-root">{ownRoots.map(row)}</ul>
                  : <p className="subtle">{t('codebook.nestedOnly')}</p>}
              </>
            )}
          </section>
        </>
      )}

      {(open?.kind === 'add' || open?.kind === 'edit') && codes && (
        <CodeFormDialog
          key={open.kind === 'edit' ? open.code.id : 'new'}
          code={open.kind === 'edit' ? open.code : null}
          codes={codes}
          onClose={() => setOpen(null)}
          onSubmit={save}
          errorText={errorText}
        />
      )}
      {open?.kind === 'merge' && codes && (
        <MergeDialog code={open.code} codes={codes} onClose={() => setOpen(null)} errorText={errorText}
          onMerge={(target) => change(async () => {
            const { moved } = await getApi().codes.merge({ sourceId: open.code.id, targetId: target.id });
            return t('codebook.mergedToast', { source: open.code.name, target: target.name, count: moved });
          })} />
      )}
      {open?.kind === 'delete' && codes && (
        <ConfirmDialog
          title={t('codebook.deleteTitle', { name: open.code.name })}
          confirmLabel={t('codebook.deleteConfirm')}
          destructive
          errorText={errorText}
          onClose={() => setOpen(null)}
          onConfirm={() => change(async () => {
            await getApi().codes.delete({ id: open.code.id });
            return t('codebook.deletedToast', { name: open.code.name });
          })}
          description={(
            <>
              <p>{open.code.usage === 0 ? t('codebook.deleteUnused') : t('codebook.deleteUsed', { count: open.code.usage })}</p>
              {codes.some((code) => code.parentId === open.code.id) && <p>{t('codebook.deleteChildren')}</p>}
              <p>{t('codebook.deleteIrreversible')}</p>
            </>
          )}
        />
      )}
    </section>
  );
}

interface MergeProps {
  code: Code;
  codes: readonly Code[];
  onClose(): void;
  onMerge(target: Code): Promise<void>;
  errorText(error: unknown): string;
}

/** Choose the code that takes over this code's passages; the dialog says how many move. */
function MergeDialog({ code, codes, onClose, onMerge, errorText }: MergeProps) {
  const { t } = useTranslation();
  const [targetId, setTargetId] = useState('');
  // Any other code will do; a target nested under the source first moves up to the source's place.
  const targets = useMemo(() => flatten(buildTree(codes)).filter((each) => each.id !== code.id), [codes, code.id]);
  const target = targets.find((each) => each.id === targetId) ?? null;
  const hasChildren = codes.some((each) => each.parentId === code.id && each.id !== targetId);

  return (
    <ConfirmDialog
      title={t('codebook.mergeTitle', { name: code.name })}
      confirmLabel={t('codebook.mergeConfirm')}
      confirmDisabled={!target}
      fieldsFirst
      errorText={errorText}
      onClose={onClose}
      onConfirm={() => (target ? onMerge(target) : undefined)}
      description={target && (
        <>
          <p>{code.usage === 0
            ? t('codebook.mergeUnused', { source: code.name })
            : t('codebook.mergeExplain', { count: code.usage, source: code.name, target: target.name })}</p>
          {hasChildren && <p>{t('codebook.mergeChildren', { source: code.name, target: target.name })}</p>}
          <p>{t('codebook.deleteIrreversible')}</p>
        </>
      )}
    >
      <div className="field">
        <label htmlFor="merge-target">{t('codebook.mergeTarget')}</label>
        <select id="merge-target" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          <option value="" disabled>{t('codebook.mergeChoose')}</option>
          {targets.map((each) => <option key={each.id} value={each.id}>{pathName(codes, each)}</option>)}
        </select>
      </div>
    </ConfirmDialog>
  );
}
