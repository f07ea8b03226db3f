import { parseStatsArgs } from '../domain/commands/stats-command.ts';
import { parseStatsWindow, type StatsWindow } from '../domain/stats/window.ts';

// `window=` and `service=` of /insights, its CSVs and /api/v1/stats: read by the rules of
// `/incident stats` and `scribe stats --since/--service`.

export interface StatsQueryText {
  /** As given, or the default. */
  window: string;
  /** As given; '' for every service. */
  service: string;
}

export type StatsQuery =
  | { ok: true; window: StatsWindow; service: string | null; text: StatsQueryText }
  | { ok: false; error: string; text: StatsQueryText };

export function parseStatsQuery(params: URLSearchParams, defaultWindow: string): StatsQuery {
  const text = {
    window: params.get('window')?.trim() || defaultWindow,
    service: params.get('service')?.trim() ?? '',
  };
  const window = parseStatsWindow(text.window);
  if (!window.ok) return { ok: false, error: `window: ${window.error}`, text };
  if (text.service === '') return { ok: true, window: window.window, service: null, text };
  // A space would split the command's words; here it is simply not a service name.
  const parsed = /\s/.test(text.service) ? null : parseStatsArgs(`service:${text.service}`);
  if (parsed === null || !parsed.ok || parsed.args.service === null) {
    return {
      ok: false,
      error: `service: \`${text.service.slice(0, 64)}\` is not a service: use letters, digits, \`.\`, \`_\`, \`/\` or \`-\` (at most 64), e.g. \`checkout\`.`,
      text,
    };
  }
  return { ok: true, window: window.window, service: parsed.args.service, text };
}
