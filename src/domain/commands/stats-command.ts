import { DEFAULT_STATS_WINDOW, parseStatsWindow, type StatsWindow } from '../stats/window.ts';
import { quote, words } from './mentions.ts';

// `/incident stats [7d|30d|90d|365d|all] [service:<name>]`, in either order.

export interface StatsArgs {
  window: StatsWindow;
  service: string | null;
}

export const SERVICE_MAX_LENGTH = 64;
// The same plain charset as service tags: nothing that Slack would read as markup.
const SERVICE = /^[a-z0-9][a-z0-9._/-]*$/;

/** A typed word shown back only when it is plain: `<@U1>` or `<!channel>` in a reply would be live. */
function shown(text: string): string {
  return /^[\w.:/-]{1,40}$/.test(text) ? quote(text) : 'That';
}

export function parseStatsArgs(
  rest: string,
): { ok: true; args: StatsArgs } | { ok: false; error: string } {
  let window: StatsWindow | null = null;
  let service: string | null = null;
  for (const { text } of words(rest)) {
    const serviceMatch = /^service:(.*)$/i.exec(text);
    if (serviceMatch) {
      if (service !== null) return { ok: false, error: 'Give at most one `service:<name>`.' };
      const name = (serviceMatch[1] ?? '').toLowerCase();
      if (name.length > SERVICE_MAX_LENGTH || !SERVICE.test(name)) {
        return {
          ok: false,
          error: `${shown(text)} is not a service: use \`service:<name>\` with letters, digits, \`.\`, \`_\`, \`/\` or \`-\` (at most ${SERVICE_MAX_LENGTH}), e.g. \`service:checkout\`.`,
        };
      }
      service = name;
      continue;
    }
    if (window !== null) {
      return { ok: false, error: `Give one window; ${shown(text)} is one too many.` };
    }
    const parsed = parseStatsWindow(text);
    if (!parsed.ok) {
      return {
        ok: false,
        error: `${shown(text)} is not a window: use 7d, 30d, 90d, 365d (any number of days) or all, and \`service:<name>\` for one service.`,
      };
    }
    window = parsed.window;
  }
  return { ok: true, args: { window: window ?? DEFAULT_STATS_WINDOW, service } };
}
