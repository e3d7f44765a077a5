import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../../shared/dialogueSchemas';
import { DILEMMA_TYPES, type DilemmaType } from '../../../../shared/domain';
import type { Student } from '../../../../shared/schemas';
import { catalogs } from '../../../../shared/i18n';
import { MAX_QUERY_LENGTH, type SearchHit, type TagHit } from '../../../../shared/searchSchemas';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { useErrorText } from '../../components/useErrorText';
import { hasLabel } from '../../translationKeys';
import { hitTerms, Snippet } from './Snippet';

type Tab = 'text' | 'tag';

export function SearchScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('text');
  const [students, setStudents] = useState<Student[]>([]);
  const [codes, setCodes] = useState<Code[]>([]);
  useEffect(() => {
    getApi().students.list({ includeArchived: true }).then(setStudents, () => undefined);
    getApi().codes.list().then(setCodes, () => undefined);
  }, []);
  return (
    <section className="screen" aria-labelledby="search-title">
      <header className="screen-header"><h1 id="search-title">{t('insights.search.title')}</h1></header>
      <div className="tabs" role="tablist" aria-label={t('insights.search.title')}>
        {(['text', 'tag'] as const).map((key) => (
          <button key={key} type="button" role="tab" id={`tab-${key}`} aria-selected={tab === key} aria-controls={`panel-${key}`}
            className="tab" onClick={() => setTab(key)}>{t(`insights.search.${key}Tab`)}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'text' ? <TextSearch students={students} codes={codes} /> : <TagSearch codes={codes} />}
      </div>
    </section>
  );
}

function TextSearch({ students, codes }: { students: Student[]; codes: Code[] }) {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const errorText = useErrorText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [studentId, setStudentId] = useState('');
  const [kind, setKind] = useState('');
  const [codeId, setCodeId] = useState('');
  const [order, setOrder] = useState<'best' | 'newest'>('best');
  const [result, setResult] = useState<{ query: string; hits: SearchHit[]; truncated: boolean; total: number; capped: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    try {
      const found = await getApi().search.query({
        query, order,
        ...(studentId ? { studentId } : {}), ...(kind ? { kind: kind as 'internal' | 'external' } : {}), ...(codeId ? { codeId } : {}),
      });
      setResult({ query, ...found });
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  const open = (hit: SearchHit) => {
    if (hit.dialogueId) go({ screen: 'dialogue', studentId: hit.studentId, dialogueId: hit.dialogueId, highlight: { sectionKey: hit.sectionKey, terms: hitTerms(hit.snippet) } });
    else go({ screen: 'student', studentId: hit.studentId });
  };

  return (
    <div className="stack">
      <form className="search-form" onSubmit={search} role="search">
        <div className="field grow">
          <label htmlFor={`${id}-q`}>{t('insights.search.query')}</label>
          <input id={`${id}-q`} type="search" value={query} placeholder={t('insights.search.placeholder')} onChange={(event) => setQuery(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary">{t('insights.search.submit')}</button>
      </form>
      <div className="row filters">
        <label className="field">{t('insights.search.student')}
          <select value={studentId} onChange={(event) => setStudentId(event.target.value)}>
            <option value="">{t('insights.search.allStudents')}</option>
            {students.map((student) => <option key={student.id} value={student.id}>{student.displayName}</option>)}
          </select>
        </label>
        <label className="field">{t('insights.search.kind')}
          <select value={kind} onChange={(event) => setKind(event.target.value)}>
            <option value="">{t('insights.search.allKinds')}</option>
            <option value="internal">{t('dialogue.kinds.internal')}</option>
            <option value="external">{t('dialogue.kinds.external')}</option>
          </select>
        </label>
        <label className="field">{t('insights.search.code')}
          <select value={codeId} onChange={(event) => setCodeId(event.target.value)}>
            <option value="">{t('insights.search.anyCode')}</option>
            {codes.map((code) => <option key={code.id} value={code.id}>{code.name}</option>)}
          </select>
        </label>
        <label className="field">{t('insights.search.order')}
          <select value={order} onChange={(event) => setOrder(event.target.value as 'best' | 'newest')}>
            <option value="best">{t('insights.search.best')}</option>
            <option value="newest">{t('insights.search.newest')}</option>
          </select>
        </label>
      </div>
      <ErrorMessage message={error} />
      {result && (
        <div role="status" aria-live="polite">
          {result.truncated && <p className="notice">{t('insights.search.truncated', { max: MAX_QUERY_LENGTH })}</p>}
          <p className="subtle">{result.hits.length === 0 ? t('insights.search.none', { query: result.query.slice(0, 80) }) : result.capped ? t('insights.search.capped', { count: result.total }) : t('insights.search.results', { count: result.total })}</p>
        </div>
      )}
      {result && result.hits.length > 0 && (
        <ol className="hit-list">
          {result.hits.map((hit, index) => {
            const title = hit.dialogueTitle ?? hit.studentName;
            return (
              <li key={index}>
                <button type="button" className="hit" onClick={() => open(hit)} title={t('insights.search.open', { title })}>
                  <span className="hit-head">
                    <strong>{hit.studentName}</strong>
                    {hit.dialogueTitle && <span> · {hit.dialogueTitle}</span>}
                    {hit.heldOn && <span className="subtle"> · {formatDate(hit.heldOn, i18n.language)}</span>}
                    <span className="badge">{t(`insights.search.sources.${hit.source}`)}</span>
                  </span>
                  <span className="hit-snippet"><Snippet text={hit.snippet} /></span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function TagSearch({ codes }: { codes: Code[] }) {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const errorText = useErrorText();
  const id = useId();
  const [codeId, setCodeId] = useState('');
  const [dilemmaType, setDilemmaType] = useState('');
  const [hits, setHits] = useState<TagHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const boundary = codes.find((code) => code.id === codeId)?.builtinKey === 'boundaryExperience';

  useEffect(() => {
    if (!codeId && codes[0]) setCodeId(codes[0].id);
  }, [codes, codeId]);

  useEffect(() => {
    if (!codeId) return;
    getApi().search.tags({ codeId, ...(boundary && dilemmaType ? { dilemmaType: dilemmaType as DilemmaType } : {}) }).then(
      (found) => { setHits(found); setError(null); },
      (caught) => setError(errorText(caught)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codeId, dilemmaType, boundary]);

  return (
    <div className="stack">
      <div className="row filters">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('insights.search.tagCode')}</label>
          <select id={`${id}-code`} value={codeId} onChange={(event) => setCodeId(event.target.value)}>
            {codes.map((code) => <option key={code.id} value={code.id}>{code.name}</option>)}
          </select>
        </div>
        {boundary && (
          <div className="field">
            <label htmlFor={`${id}-dilemma`}>{t('insights.search.dilemma')}</label>
            <select id={`${id}-dilemma`} value={dilemmaType} onChange={(event) => setDilemmaType(event.target.value)}>
              <option value="">{t('insights.search.anyDilemma')}</option>
              {DILEMMA_TYPES.map((type) => <option key={type} value={type}>{t(`dialogue.dilemma.${type}`)}</option>)}
            </select>
          </div>
        )}
      </div>
      <ErrorMessage message={error} />
      {hits && (
        <>
          <p className="subtle" role="status">{hits.length === 0 ? t('insights.search.tagNone') : t('insights.search.tagResults', { count: hits.length })}</p>
          <ol className="hit-list">
            {hits.map((hit) => (
              <li key={hit.annotationId}>
                <button type="button" className="hit" onClick={() => go({ screen: 'dialogue', studentId: hit.studentId, dialogueId: hit.dialogueId, focusAnnotationId: hit.annotationId })}>
                  <span className="hit-head">
                    <strong>{hit.studentName}</strong> · {hit.dialogueTitle} <span className="subtle">· {formatDate(hit.heldOn, i18n.language)}</span>
                    {hit.dilemmaType && <span className="badge">{hasLabel(catalogs.nl.dialogue.dilemma, hit.dilemmaType) ? t(`dialogue.dilemma.${hit.dilemmaType}`) : hit.dilemmaType}</span>}
                    {hit.context && <span className="badge">{hasLabel(catalogs.nl.dialogue.contexts, hit.context) ? t(`dialogue.contexts.${hit.context}`) : hit.context}</span>}
                  </span>
                  <span className="hit-snippet">“{hit.quote}”</span>
                  {hit.memo && <span className="hit-memo">{hit.memo}</span>}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
