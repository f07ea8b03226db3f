import type { ImportRequest } from '../usecases/import-incident.ts';
import { ExportError } from './export-error.ts';
import { type ImportedMessage, interpretExported, type Reading } from './interpret.ts';
import type { SlackExport } from './read-export.ts';
import { countImport, type ImportCounts } from './summary.ts';
import { inferTimes } from './times.ts';
import { type Bounds, chooseWindow, type ImportWindow, placeInWindow } from './window.ts';

export interface ImportPlan {
  request: ImportRequest;
  window: ImportWindow;
  counts: ImportCounts;
}

/** Everything an import decides, before anything is stored. */
export function planImport(
  exported: SlackExport,
  bounds: Bounds,
  title: string | null,
): ImportPlan {
  const { channel } = exported;
  const seen = new Set<string>();
  const readings: Reading[] = exported.messages.map((m) => interpretExported(channel.id, m, seen));
  const items = readings.flatMap((r): ImportedMessage[] => (r.kind === 'message' ? [r.item] : []));
  const window = chooseWindow(items, bounds);
  if (window === null) {
    throw new ExportError(`#${channel.name} has no messages ${describeBounds(bounds)}.`);
  }
  const placed = placeInWindow(items, window);
  const times = inferTimes(placed.recorded);
  return {
    window,
    counts: countImport(readings, placed, exported.days.length),
    request: {
      channel,
      title: title ?? `#${channel.name} (imported)`,
      messages: placed.recorded,
      times,
      people: exported.people,
      provenance:
        `Imported with scribe import from a Slack export of #${channel.name}: no commands were ` +
        'run, so the declaration is the first report, mitigation the last alert resolving and ' +
        'resolution the last message (docs/import.md).',
    },
  };
}

function describeBounds(bounds: Bounds): string {
  if (bounds.from === null && bounds.to === null) return 'to import';
  return 'between the --from and --to given';
}
