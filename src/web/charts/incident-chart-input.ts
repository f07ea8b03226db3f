import { formatDuration } from '../../domain/durations.ts';
import { formatTime } from '../../domain/time-format.ts';

// What the incident chart is drawn from, and the chart said in words for screen readers.

export type MarkerKind = 'impact' | 'detected' | 'declared' | 'mitigated' | 'resolved';

export interface ChartMarker {
  kind: MarkerKind;
  at: number;
}

export interface ChartEpisode {
  /** The alert's name; episodes of one name share a row. */
  alert: string;
  firedAt: number;
  /** Null while still firing: the bar runs to the chart's right edge. */
  resolvedAt: number | null;
}

export interface IncidentChartInput {
  /** The incident's title (plain text), for the chart's accessible name. */
  title: string;
  timeZone: string;
  /** Where the chart ends while the incident is not resolved. */
  now: number;
  markers: readonly ChartMarker[];
  episodes: readonly ChartEpisode[];
}

export const MARKERS: Record<MarkerKind, { label: string; colour: string; dash: string }> = {
  impact: { label: 'Impact start', colour: '#a8071a', dash: '6 3' },
  detected: { label: 'Detected', colour: '#b35c00', dash: '2 2' },
  declared: { label: 'Declared', colour: '#0b57b5', dash: '' },
  mitigated: { label: 'Mitigated', colour: '#1e6b3a', dash: '8 2 2 2' },
  resolved: { label: 'Resolved', colour: '#4d5360', dash: '' },
};

/** Episodes named one by one in the description; the table beside the chart has them all. */
const SAID = 10;

/** The chart in words, for screen readers (the table beside it has every number). */
export function describeChart(input: IncidentChartInput, rowsLeftOut = 0): string {
  const zone = input.timeZone;
  const episodes = [...input.episodes].sort((a, b) => a.firedAt - b.firedAt);
  const said = episodes
    .slice(0, SAID)
    .map((e) =>
      e.resolvedAt === null
        ? `${e.alert} fired ${formatTime(e.firedAt, zone)} and is still firing`
        : `${e.alert} fired ${formatTime(e.firedAt, zone)} for ${formatDuration(e.resolvedAt - e.firedAt)}`,
    );
  const rest = episodes.length - said.length;
  const alerts =
    episodes.length === 0
      ? 'No alerts were recorded.'
      : `${episodes.length} alert episode${episodes.length === 1 ? '' : 's'}: ${said.join('; ')}${
          rest > 0 ? `; and ${rest} more (see the table)` : ''
        }.`;
  const more = rowsLeftOut > 0 ? ` ${rowsLeftOut} more alerts are in the table only.` : '';
  const marks = [...input.markers]
    .sort((a, b) => a.at - b.at)
    .map((m) => `${MARKERS[m.kind].label} ${formatTime(m.at, zone)}`);
  const marked = marks.length === 0 ? '' : ` Marked: ${marks.join(', ')}.`;
  return `${alerts}${more}${marked}`;
}
