import type { Figure, Sample } from './figure';

const format = (value: number, unit: Figure['unit']): string => {
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
};

const pair = (sample: Sample, unit: Figure['unit']): string =>
  sample.n <= 1 ? format(sample.median, unit) : `${format(sample.median, unit)} / ${format(sample.p95, unit)}`;

const verdict = (figure: Figure): string => (figure.met === null ? 'reported' : figure.met ? 'met' : 'MISSED');

/** The table as plain text for the terminal: figure, median / p95, baseline, ratio, target. */
export function textTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.figure,
    pair(figure.value, figure.unit),
    figure.baseline ? `${pair(figure.baseline, figure.unit)}  (${figure.baseline.label})` : '—',
    figure.baseline && figure.baseline.p95 > 0 ? `${(figure.value.p95 / figure.baseline.p95).toFixed(2)}×` : '',
    `${figure.target}: ${verdict(figure)}${figure.note ? ` (${figure.note})` : ''}`,
  ]);
  const header = ['figure', 'median / p95', 'baseline median / p95', 'p95 ratio', 'target'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The same as a Markdown table, for the README's Performance section. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => `| ${figure.figure} | ${pair(figure.value, figure.unit)} | ${
    figure.baseline ? `${pair(figure.baseline, figure.unit)} (${figure.baseline.label})` : '—'} | ${figure.target} | ${verdict(figure)} |`);
  return ['| figure | median / p95 | baseline, same run | target | |', '|---|---|---|---|---|', ...rows].join('\n');
}
