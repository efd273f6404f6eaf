/**
 * Small drawn-SVG charts (no chart library: the reports view's budget allows ~25 KB gzip of chart
 * code and these cost a few hundred bytes). Each chart is a <figure> whose caption names it and
 * whose data table is its accessible alternative (WCAG 1.1.1: the same figures as text); the SVG is
 * marked presentational because the table says everything it shows.
 */
import type { ComponentChildren } from 'preact';

export interface Series {
  label: string;
  /** One value per category; null = no figure. */
  values: (number | null)[];
  colour: string;
}

interface ChartProps {
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  /** How a value reads in the table and the axis (money, %, days). */
  format: (value: number) => string;
  /** A horizontal reference line (a target). */
  target?: { label: string; value: number } | null;
  kind: 'stacked' | 'bars' | 'line';
}

const WIDTH = 480;
const HEIGHT = 180;
const PAD = { left: 8, right: 8, top: 10, bottom: 24 };

function scale(max: number): (v: number) => number {
  const top = max > 0 ? max : 1;
  return (v) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - Math.max(0, v) / top);
}

function Plot({ categories, series, target, kind }: Omit<ChartProps, 'id' | 'title' | 'format'>) {
  const n = Math.max(categories.length, 1);
  const slot = (WIDTH - PAD.left - PAD.right) / n;
  const totals = categories.map((_, i) => (kind === 'stacked' ? series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[i] ?? 0))));
  const y = scale(Math.max(0, ...totals, target?.value ?? 0));
  const marks: ComponentChildren[] = [];
  categories.forEach((category, i) => {
    const x = PAD.left + i * slot;
    if (kind === 'line') {
      return;
    }
    let base = HEIGHT - PAD.bottom;
    series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined || v <= 0) {
        return;
      }
      const width = kind === 'stacked' ? slot * 0.7 : (slot * 0.7) / series.length;
      const left = kind === 'stacked' ? x + slot * 0.15 : x + slot * 0.15 + k * width;
      const top = kind === 'stacked' ? base - (HEIGHT - PAD.bottom - y(v)) : y(v);
      marks.push(<rect key={`${category}-${s.label}`} x={left} y={top} width={width} height={Math.max(0, (kind === 'stacked' ? base : HEIGHT - PAD.bottom) - top)} fill={s.colour} />);
      base = top;
    });
    marks.push(
      <text key={`label-${category}`} x={x + slot / 2} y={HEIGHT - 8} text-anchor="middle" font-size="10">
        {category.length > 8 ? `${category.slice(0, 7)}…` : category}
      </text>,
    );
  });
  if (kind === 'line') {
    series.forEach((s) => {
      const points = s.values.map((v, i) => (v === null ? null : `${PAD.left + i * slot + slot / 2},${y(v)}`)).filter((p): p is string => p !== null);
      marks.push(<polyline key={s.label} points={points.join(' ')} fill="none" stroke={s.colour} stroke-width="2" />);
    });
    categories.forEach((category, i) => {
      marks.push(
        <text key={`label-${category}`} x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} text-anchor="middle" font-size="10">
          {category.slice(5)}
        </text>,
      );
    });
  }
  if (target) {
    marks.push(<line key="target" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target.value)} y2={y(target.value)} stroke="#444" stroke-dasharray="4 3" />);
  }
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false" class="report-chart">
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#999" />
      {marks}
    </svg>
  );
}

/** A chart with its legend and data table. */
export function Chart(props: ChartProps) {
  const { id, title, categories, series, format, target } = props;
  return (
    <figure class="report-figure" aria-labelledby={`${id}-title`} tabIndex={0}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <Plot categories={categories} series={series} target={target ?? null} kind={props.kind} />
      <ul class="report-legend">
        {series.map((s) => (
          <li key={s.label}>
            <span class="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.label}
          </li>
        ))}
        {target ? <li>Dashed line: {target.label} ({format(target.value)})</li> : null}
      </ul>
      <table class="report-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{title.split(' by ')[1] ? 'Group' : 'Month'}</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, i) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {series.map((s) => {
                const v = s.values[i];
                return <td key={s.label}>{v === null || v === undefined ? '—' : format(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
