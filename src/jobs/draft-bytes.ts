/**
 * The Markdown's parts as UTF-8, each encoded as it is rendered: the document is never one
 * string in the worker. Parts end between lines, so no character is split between two of them.
 */
export function utf8Parts(parts: Iterable<string>): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  return Array.from(parts, (part) => encoder.encode(part));
}
