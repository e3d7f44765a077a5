import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PORTFOLIO_SECTIONS, type PortfolioPreview, type PortfolioSections } from '../../../../shared/exportSchemas';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import { formatDate } from '../../components/formatDate';
import { useExportToast } from './useExportToast';
import { schoolYearSoFar } from './schoolYear';

const SECTION_KINDS = ['activities', 'reflections', 'external'] as const satisfies readonly (keyof PortfolioSections)[];

/**
 * Chooses the period, which dialogues and which kinds of text go in, shows what that holds, and
 * saves the student's portfolio. Every dialogue of the period starts ticked; what the mentor
 * unticks is remembered by id, so changing the period keeps the choice for dialogues still in it.
 */
export function PortfolioExportDialog({ studentId, onClose }: { studentId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const showExport = useExportToast();
  const id = useId();
  const [{ from, to }, setPeriod] = useState(schoolYearSoFar);
  const [includePrivate, setIncludePrivate] = useState(false);
  const [sections, setSections] = useState<PortfolioSections>(DEFAULT_PORTFOLIO_SECTIONS);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<PortfolioPreview | null>(null);
  const { busy, error, setError, run } = useDialogAction({ onDone: onClose });
  const validPeriod = Boolean(from && to && from <= to);
  const choices = useMemo(() => preview?.choices ?? [], [preview]);
  // Named only when the mentor unticked something: absent means "all of the period".
  const dialogueIds = useMemo(
    () => (choices.some((choice) => unticked.has(choice.id)) ? choices.filter((choice) => !unticked.has(choice.id)).map((choice) => choice.id) : undefined),
    [choices, unticked],
  );
  const chosenKey = dialogueIds?.join(',') ?? '*';
  const chosenCount = dialogueIds?.length ?? choices.length;

  useEffect(() => {
    if (!validPeriod) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    getApi().export.portfolioPreview({ studentId, from, to, ...(dialogueIds ? { dialogueIds } : {}) }).then(
      (value) => { if (!cancelled) setPreview(value); },
      (caught) => { if (!cancelled) setError(errorText(caught)); },
    );
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [studentId, from, to, validPeriod, chosenKey]);

  function toggle(dialogueId: string, on: boolean) {
    setUnticked((current) => {
      const next = new Set(current);
      if (on) next.delete(dialogueId);
      else next.add(dialogueId);
      return next;
    });
  }

  async function save() {
    await run(async () => {
      const result = await getApi().export.portfolio({ studentId, from, to, includePrivate, sections, ...(dialogueIds ? { dialogueIds } : {}) });
      showExport(result);
    });
  }

  const nothingChosen = chosenCount === 0 && choices.length > 0;

  return (
    <Dialog
      title={t('exporting.portfolioTitle')}
      describedBy={`${id}-counts`}
      onClose={onClose}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="button" className="button button-primary" disabled={busy || !validPeriod || nothingChosen} onClick={() => void save()}>
            {busy ? t('exporting.saving') : t('exporting.save')}
          </button>
        </>
      )}
    >
      <div className="portfolio-export">
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('exporting.from')}</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(event) => setPeriod((period) => ({ ...period, from: event.target.value }))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('exporting.to')}</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(event) => setPeriod((period) => ({ ...period, to: event.target.value }))} />
          </div>
        </div>
        <h3>{t('exporting.includes')}</h3>
        <p id={`${id}-counts`} role="status">
          {preview ? `${t('exporting.portfolioCounts', {
            dialogues: preview.dialogues, activities: preview.activities, boundary: preview.boundaryExperiences,
            open: preview.openActions, done: preview.doneActions,
          })} ${t('portfolio.dialog.reflections', { count: preview.reflections })}.` : '…'}
        </p>
        <fieldset className="choice-group">
          <legend>{t('portfolio.dialog.textLegend')}</legend>
          {SECTION_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input type="checkbox" checked={sections[kind]} onChange={(event) => setSections((current) => ({ ...current, [kind]: event.target.checked }))} />
              <span>{t(`portfolio.dialog.${kind}`)}</span>
            </label>
          ))}
          <label className="checkbox">
            <input type="checkbox" checked={includePrivate} onChange={(event) => setIncludePrivate(event.target.checked)} />
            <span>{t('exporting.includePrivate')}</span>
          </label>
          {includePrivate && <p className="notice" role="status">{t('exporting.privateWarning')}</p>}
        </fieldset>
        <fieldset className="choice-group portfolio-choices">
          <legend>{t('portfolio.dialog.dialoguesLegend')}</legend>
          {preview && choices.length === 0 && <p className="hint">{t('portfolio.dialog.noDialogues')}</p>}
          {choices.length > 0 && (
            <>
              <div className="portfolio-choice-tools">
                <span className="hint">{t('portfolio.dialog.chosen', { count: chosenCount, total: choices.length })}</span>
                <button type="button" className="button button-ghost" onClick={() => setUnticked(new Set())}>{t('portfolio.dialog.all')}</button>
                <button type="button" className="button button-ghost" onClick={() => setUnticked(new Set(choices.map((choice) => choice.id)))}>{t('portfolio.dialog.none')}</button>
              </div>
              <ul className="portfolio-choice-list">
                {choices.map((choice) => (
                  <li key={choice.id}>
                    <label className="checkbox">
                      <input type="checkbox" checked={!unticked.has(choice.id)} onChange={(event) => toggle(choice.id, event.target.checked)} />
                      <span>
                        {formatDate(choice.heldOn, i18n.language)} — {choice.title}
                        <span className="hint"> · {t(`portfolio.dialog.roles.${choice.role}`)}{choice.privateSections > 0 ? ` · ${t('portfolio.dialog.withPrivate')}` : ''}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
      </div>
    </Dialog>
  );
}
