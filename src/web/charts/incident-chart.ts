import { formatTime } from '../../domain/time-format.ts';
import { esc } from '../views/html.ts';
import {
  type ChartEpisode,
  type ChartMarker,
  describeChart,
  type IncidentChartInput,
  MARKERS,
} from './incident-chart-input.ts';
import { clamp, clip, el, num, text, textWidth, tooltip } from './svg.ts';
import { shortZoneLabel, timeTicks } from './time-axis.ts';

// The picture people otherwise paste from their monitoring: each alert's episodes as bars from
// firing to resolved, the incident's key moments as vertical lines, on one time axis. Pure: the
// same input draws the same SVG.

export type {
  ChartEpisode,
  ChartMarker,
  IncidentChartInput,
  MarkerKind,
} from './incident-chart-input.ts';
export { MARKERS };

/** The drawing's fixed geometry, in viewBox units. */
export const CHART = {
  width: 860,
  /** The column of alert names. */
  left: 190,
  right: 836,
  fontSize: 12,
  /** Marker labels sit in up to three lanes above the rows, so close moments stay readable. */
  lanes: 3,
  laneHeight: 16,
  rowHeight: 26,
  barHeight: 14,
  axisHeight: 48,
  /** More alerts than this are listed in the table only. */
  maxRows: 25,
  /** Characters of an alert name shown in its row (the whole name is its tooltip). */
  nameChars: 28,
} as const;

const TOP = CHART.lanes * CHART.laneHeight + 8;
const MIN_SPAN = 10 * 60_000;
const INK = '#1d1f24';
const BAR = '#b42318';

export interface ChartScale {
  from: number;
  to: number;
  /** The x of an instant, inside [CHART.left, CHART.right]. */
  x(at: number): number;
}

/** The time range drawn: every time given, the resolution or now, with a little room each side. */
export function chartScale(input: IncidentChartInput): ChartScale {
  const resolved = input.markers.find((m) => m.kind === 'resolved');
  const times = [
    ...input.markers.map((m) => m.at),
    ...input.episodes.flatMap((e) =>
      e.resolvedAt === null ? [e.firedAt] : [e.firedAt, e.resolvedAt],
    ),
    resolved ? resolved.at : input.now,
  ];
  let from = Math.min(...times);
  let to = Math.max(...times);
  if (to - from < MIN_SPAN) {
    const middle = (from + to) / 2;
    from = middle - MIN_SPAN / 2;
    to = middle + MIN_SPAN / 2;
  }
  const pad = (to - from) * 0.04;
  from -= pad;
  to += pad;
  const width = CHART.right - CHART.left;
  return {
    from,
    to,
    x: (at) => clamp(CHART.left + ((at - from) / (to - from)) * width, CHART.left, CHART.right),
  };
}

interface Row {
  alert: string;
  episodes: ChartEpisode[];
}

/** One row per alert, in the order they first fired. */
export function chartRows(episodes: readonly ChartEpisode[]): Row[] {
  const rows = new Map<string, Row>();
  for (const e of [...episodes].sort((a, b) => a.firedAt - b.firedAt)) {
    const row = rows.get(e.alert) ?? { alert: e.alert, episodes: [] };
    row.episodes.push(e);
    rows.set(e.alert, row);
  }
  return [...rows.values()];
}

/** The chart as an SVG element, with `role="img"`, a title and a description. */
export function incidentChartSvg(input: IncidentChartInput, idPrefix = 'incident-chart'): string {
  const scale = chartScale(input);
  const allRows = chartRows(input.episodes);
  const rows = allRows.slice(0, CHART.maxRows);
  const rowsHeight = Math.max(1, rows.length) * CHART.rowHeight;
  const axisY = TOP + rowsHeight + 4;
  const height = axisY + CHART.axisHeight;
  const parts = [
    el('title', { id: `${idPrefix}-title` }, esc(`Chart of the incident: ${input.title}`)),
    el('desc', { id: `${idPrefix}-desc` }, esc(describeChart(input, allRows.length - rows.length))),
    ...rows.map((row, i) => drawRow(row, TOP + i * CHART.rowHeight, scale, input.timeZone)),
    rows.length === 0
      ? text(CHART.left + 8, TOP + CHART.rowHeight / 2 + 4, 'No alerts were recorded.', {
          fill: INK,
        })
      : '',
    drawAxis(scale, axisY, input.timeZone),
    drawMarkers(input.markers, scale, axisY),
  ];
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${CHART.width} ${num(height)}`,
      width: CHART.width,
      height,
      role: 'img',
      'aria-labelledby': `${idPrefix}-title ${idPrefix}-desc`,
      'font-family': 'system-ui, sans-serif',
      'font-size': CHART.fontSize,
      class: 'incident-chart',
    },
    parts.filter((p) => p !== '').join('\n'),
  );
}

function drawRow(row: Row, y: number, scale: ChartScale, zone: string): string {
  const label = el(
    'text',
    { x: CHART.left - 8, y: y + CHART.rowHeight / 2 + 4, 'text-anchor': 'end', fill: INK },
    `${tooltip(row.alert)}${esc(clip(row.alert, CHART.nameChars))}`,
  );
  const bars = row.episodes.map((e) => {
    const x1 = scale.x(e.firedAt);
    const open = e.resolvedAt === null;
    const x2 = open ? CHART.right : Math.max(x1, scale.x(e.resolvedAt ?? e.firedAt));
    // A moment-long episode still shows as a sliver.
    const width = Math.max(2, x2 - x1);
    const barY = y + (CHART.rowHeight - CHART.barHeight) / 2;
    const said = open
      ? `${row.alert}: fired ${formatTime(e.firedAt, zone)}, still firing`
      : `${row.alert}: fired ${formatTime(e.firedAt, zone)}, resolved ${formatTime(e.resolvedAt ?? 0, zone)}`;
    const rect = el(
      'rect',
      {
        class: open ? 'bar open' : 'bar',
        x: Math.min(x1, CHART.right - width),
        y: barY,
        width,
        height: CHART.barHeight,
        fill: BAR,
        ...(open ? { 'fill-opacity': 0.55, stroke: BAR, 'stroke-dasharray': '4 2' } : {}),
      },
      tooltip(said),
    );
    // Still firing: an arrowhead at the right edge says the bar goes on past the chart.
    const arrow = open
      ? el('polygon', {
          class: 'still-firing',
          points: `${num(CHART.right - 8)},${num(barY - 3)} ${CHART.right},${num(barY + CHART.barHeight / 2)} ${num(CHART.right - 8)},${num(barY + CHART.barHeight + 3)}`,
          fill: INK,
        })
      : '';
    return rect + arrow;
  });
  return el('g', { class: 'row' }, label + bars.join(''));
}

function drawAxis(scale: ChartScale, y: number, zone: string): string {
  const ticks = timeTicks(scale.from, scale.to, zone, 8).map((t) => {
    const x = scale.x(t.at);
    return [
      el('line', { x1: x, x2: x, y1: TOP, y2: y + 4, stroke: '#d5d8de' }),
      text(x, y + 18, t.label, { 'text-anchor': 'middle', fill: INK }),
      t.day === null ? '' : text(x, y + 33, t.day, { 'text-anchor': 'middle', fill: '#4d5360' }),
    ].join('');
  });
  return el(
    'g',
    { class: 'axis' },
    [
      el('line', { x1: CHART.left, x2: CHART.right, y1: y, y2: y, stroke: INK }),
      ...ticks,
      // Short, and clear of the first tick's label; the figure's caption names the zone in full.
      text(CHART.left - 24, y + 18, `Time (${shortZoneLabel(scale.from, scale.to, zone)})`, {
        'text-anchor': 'end',
        fill: '#4d5360',
      }),
    ].join(''),
  );
}

function drawMarkers(markers: readonly ChartMarker[], scale: ChartScale, bottom: number): string {
  const laneEnds: number[] = Array.from({ length: CHART.lanes }, () => -Infinity);
  const ordered = [...markers].sort((a, b) => a.at - b.at);
  return ordered
    .map((m) => {
      const style = MARKERS[m.kind];
      const x = scale.x(m.at);
      const width = textWidth(style.label, CHART.fontSize);
      const start = clamp(x - width / 2, 0, CHART.width - width);
      let lane = laneEnds.findIndex((end) => start > end + 4);
      if (lane === -1) lane = laneEnds.indexOf(Math.min(...laneEnds));
      laneEnds[lane] = start + width;
      const labelY = (lane + 1) * CHART.laneHeight;
      return el(
        'g',
        { class: `marker marker-${m.kind}` },
        [
          el('line', {
            x1: x,
            x2: x,
            y1: labelY + 3,
            y2: bottom,
            stroke: style.colour,
            'stroke-width': 2,
            ...(style.dash === '' ? {} : { 'stroke-dasharray': style.dash }),
          }),
          text(start, labelY, style.label, { fill: style.colour, 'font-weight': 600 }),
        ].join(''),
      );
    })
    .join('');
}
