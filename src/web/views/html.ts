import { escapeHtml } from '../../domain/postmortem/html-text.ts';

// Writing HTML safely: every value goes through `esc` or `attr`; markup is only ever our own.

export { escapeHtml as esc };

/** An attribute value (quotes included in the escaping). */
export function attr(value: string | number): string {
  return escapeHtml(String(value));
}

/** A link to a site path with a query built from pairs (empty values dropped). */
export function hrefWith(path: string, params: Iterable<[string, string]>): string {
  const query = new URLSearchParams();
  for (const [name, value] of params) if (value !== '') query.append(name, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * The opening tag of a table's box, which scrolls sideways on a narrow screen. A box that scrolls
 * must take keyboard focus (the arrow keys scroll it), and what takes focus needs a name: it is a
 * region named like its table.
 */
export function tableBox(label: string): string {
  return `<div class="table-wrap" role="region" aria-label="${attr(label)}" tabindex="0">`;
}
