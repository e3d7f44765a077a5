import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConversationMirror, LOB_STEPS, STEP_CUES } from '../../../../shared/conversationMirror';
import { formatClock } from '../playback/timeFormat';
import './mirror.css';

interface Props {
  mirror: ConversationMirror;
}

/**
 * The conversation mirror beside the dialogue: speaking share, the mentor's open and closed
 * questions (with how that is decided), the four steps of a LOB-gesprek as a hint, and a warning
 * when no agreement was recorded. Shown only for a transcript with speakers.
 */
export const MirrorPanel = memo(function MirrorPanel({ mirror }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const list = (items: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items.map((item) => `“${item}”`));
  const how = t('mirror.how', { returnObjects: true }) as unknown as string[];

  return (
    <section className="panel side-panel mirror-panel" aria-labelledby={`${id}-title`} data-testid="mirror-panel">
      <h2 id={`${id}-title`}>{t('mirror.title')}</h2>
      <p className="hint">{t('mirror.intro')}</p>

      {mirror.noAgreement && <p className="notice mirror-warning" role="status">{t('mirror.noAgreement')}</p>}

      <h3>{t('mirror.share')}</h3>
      <ul className="mirror-shares">
        {mirror.shares.map((share) => (
          <li key={share.speaker} data-speaker={share.speaker}>
            <span className="mirror-speaker">
              {share.speaker}{share.role ? ` (${t(`dialogue.roles.${share.role}`)})` : ''}
              <span className="subtle"> · {t('mirror.turns', { count: share.turns })}</span>
            </span>
            <span className="mirror-bar" role="img" aria-label={t('mirror.shareBar', { speaker: share.speaker, share: percent.format(share.wordShare) })}>
              <span style={{ width: `${Math.round(share.wordShare * 100)}%` }} data-role={share.role ?? undefined} />
            </span>
            <span className="mirror-figures">
              <span data-testid="share-words">{t('mirror.shareOf', { words: percent.format(share.wordShare) })}</span>
              {share.timeShare !== null && share.ms !== null && (
                <span data-testid="share-time"> · {t('mirror.shareTime', { time: percent.format(share.timeShare) })} ({formatClock(share.ms)})</span>
              )}
            </span>
          </li>
        ))}
      </ul>

      <h3>{t('mirror.questions')}</h3>
      {!mirror.hasMentor ? <p className="subtle">{t('mirror.noMentor')}</p> : mirror.questions.length === 0 ? <p className="subtle">{t('mirror.noQuestions')}</p> : (
        <>
          <dl className="mirror-counts">
            <div><dt>{t('mirror.open')}</dt><dd data-testid="questions-open">{mirror.open}</dd></div>
            <div><dt>{t('mirror.closed')}</dt><dd data-testid="questions-closed">{mirror.closed}</dd></div>
            {mirror.unclear > 0 && <div><dt>{t('mirror.unclear')}</dt><dd data-testid="questions-unclear">{mirror.unclear}</dd></div>}
          </dl>
          <details className="mirror-details">
            <summary>{t('mirror.showQuestions')}</summary>
            <ul className="mirror-questions">
              {mirror.questions.map((question, index) => (
                <li key={index} data-kind={question.kind}>
                  <span className={`badge badge-${question.kind}`}>{t(`mirror.${question.kind}`)}</span> {question.text}
                  {question.cue && <span className="subtle"> — {t('mirror.cue', { cue: question.cue })}</span>}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
      <details className="mirror-details">
        <summary>{t('mirror.howTitle')}</summary>
        {how.map((line) => <p key={line}>{line}</p>)}
      </details>

      <h3>{t('mirror.steps')}</h3>
      <ul className="mirror-steps">
        {mirror.steps.map((step) => (
          <li key={step.step} data-step={step.step} data-covered={step.covered}>
            <span aria-hidden="true" className="mirror-mark">{step.covered ? '✓' : '○'}</span>
            <span>
              <strong>{t(`mirror.stepNames.${step.step}`)}</strong>: {step.covered ? t('mirror.covered') : t('mirror.notCovered')}
              {step.covered && <span className="subtle mirror-cues"> — {t('mirror.found', { cues: list(step.found.slice(0, 4)) })}{step.found.length > 4 ? ' …' : ''}</span>}
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">{t('mirror.stepsHint')}</p>
      <details className="mirror-details">
        <summary>{t('mirror.cueList')}</summary>
        {LOB_STEPS.map((step) => (
          <p key={step}><strong>{t(`mirror.stepNames.${step}`)}</strong>: {STEP_CUES[step].map((cue) => cue.replace(/\*$/u, '…')).join(', ')}</p>
        ))}
      </details>
    </section>
  );
});
