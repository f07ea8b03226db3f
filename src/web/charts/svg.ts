import { attr, esc } from '../views/html.ts';

// Small pieces for SVG drawn on the server. Every text and attribute value is escaped here, so a
// chart never needs to think about where a name came from.

/** A coordinate with at most one decimal: enough on screen, and stable in tests. */
export function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export type Attrs = Record<string, string | number>;

function attrsOf(attrs: Attrs): string {
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : attr(value)}"`)
    .join('');
}

/** An element; `inner` is markup we built ourselves (pass text through `text` or `esc`). */
export function el(name: string, attrs: Attrs, inner = ''): string {
  return inner === ''
    ? `<${name}${attrsOf(attrs)}/>`
    : `<${name}${attrsOf(attrs)}>${inner}</${name}>`;
}

/** A text element holding plain text. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return `<text${attrsOf({ x, y, ...attrs })}>${esc(content)}</text>`;
}

/** A tooltip for the element it sits in (plain text). */
export function tooltip(content: string): string {
  return `<title>${esc(content)}</title>`;
}

/**
 * About how wide a line of text is in a sans-serif font, to keep labels apart; generous, since
 * the real width depends on the reader's font.
 */
export function textWidth(content: string, fontSize: number): number {
  return content.length * fontSize * 0.6;
}

/** At most `max` characters, an ellipsis marking the cut. */
export function clip(content: string, max: number): string {
  return content.length <= max ? content : `${content.slice(0, max - 1)}…`;
}

/** Keeps a value inside [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
