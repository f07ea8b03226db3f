import type { ImportedMessage } from './interpret.ts';

/** Inclusive bounds, epoch ms. */
export interface ImportWindow {
  from: number;
  to: number;
}

export interface Bounds {
  from: number | null;
  to: number | null;
}

function isReport(item: ImportedMessage): boolean {
  return !item.message.isBot && item.message.userId !== null;
}

function isFiring(item: ImportedMessage): boolean {
  return item.message.alert?.state === 'firing';
}

/**
 * The window to import. A bound given is kept; a missing start is the first firing alert or
 * the first message by a person (whichever came first), a missing end the last message. Null
 * when nothing lies between the bounds.
 */
export function chooseWindow(
  items: readonly ImportedMessage[],
  bounds: Bounds,
): ImportWindow | null {
  const within = items
    .filter(
      (i) =>
        (bounds.from === null || i.at >= bounds.from) && (bounds.to === null || i.at <= bounds.to),
    )
    .sort((a, b) => a.at - b.at);
  const last = within.at(-1);
  if (last === undefined) return null;
  const start = within.find((i) => isFiring(i) || isReport(i))?.at ?? within[0]?.at ?? last.at;
  return { from: bounds.from ?? start, to: bounds.to ?? last.at };
}

export interface Placed {
  recorded: ImportedMessage[];
  before: number;
  after: number;
}

export function placeInWindow(items: readonly ImportedMessage[], window: ImportWindow): Placed {
  const recorded = items.filter((i) => i.at >= window.from && i.at <= window.to);
  return {
    recorded: [...recorded].sort((a, b) => a.at - b.at || a.message.ts.localeCompare(b.message.ts)),
    before: items.filter((i) => i.at < window.from).length,
    after: items.filter((i) => i.at > window.to).length,
  };
}
