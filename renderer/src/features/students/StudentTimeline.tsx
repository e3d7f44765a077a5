import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COMPETENCES } from '../../../../shared/domain';
import type { TimelinePeriod } from '../../../../shared/searchSchemas';
import { getApi } from '../../api';

/**
 * Dialogues (stacked internal/external) and boundary experiences per month, drawn with recharts,
 * with the same figures in a table beside it for screen readers and for reading exact numbers.
 */
export function StudentTimeline({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const [periods, setPeriods] = useState<TimelinePeriod[] | null>(null);
  useEffect(() => {
    getApi().students.timeline({ id: studentId }).then(setPeriods, () => setPeriods([]));
  }, [studentId]);

  const monthLabel = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  };
  if (!periods) return null;
  const data = periods.map((period) => ({ ...period, label: monthLabel(period.month) }));

  return (
    <div className="panel wide timeline">
      <h2>{t('insights.timeline.title')}</h2>
      {periods.length === 0 ? <p className="subtle">{t('insights.timeline.empty')}</p> : (
        <div className="timeline-grid">
          <figure className="timeline-chart" aria-label={t('insights.timeline.chartLabel')}>
            <ResponsiveContainer width="100%" height={220}>
              <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -20 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#d9dcd6" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                {/* Item text in ink: the series' own colours (#D55E00 on white is 3.6:1) are too light for text. */}
                <Tooltip itemStyle={{ color: '#1d2428' }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="internal" stackId="d" name={t('insights.timeline.internal')} fill="#7a5aa6" isAnimationActive={false} />
                <Bar dataKey="external" stackId="d" name={t('insights.timeline.external')} fill="#0b5567" isAnimationActive={false} />
                <Line dataKey="boundaryExperiences" name={t('insights.timeline.boundary')} stroke="#D55E00" strokeWidth={2} strokeDasharray="6 3" dot={{ r: 4 }} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          <table className="count-table timeline-table">
            <caption className="visually-hidden">{t('insights.timeline.chartLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insights.timeline.month')}</th>
                <th scope="col">{t('insights.timeline.internal')}</th>
                <th scope="col">{t('insights.timeline.external')}</th>
                <th scope="col">{t('insights.timeline.boundary')}</th>
                <th scope="col">{t('insights.timeline.competences')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((period) => (
                <tr key={period.month}>
                  <th scope="row">{period.label}</th>
                  <td>{period.internal}</td>
                  <td>{period.external}</td>
                  <td>{period.boundaryExperiences}</td>
                  <td>{COMPETENCES.filter((key) => (period.competences[key] ?? 0) > 0).map((key) => `${t(`dialogue.competences.${key}`)} (${period.competences[key]})`).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
