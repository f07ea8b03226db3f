/**
 * A draft's Markdown as UTF-8, in the parts it was rendered in (each ends between lines). A long
 * incident's document is ten megabytes; kept as bytes it is stored, fingerprinted and uploaded
 * without ever being one string (twenty megabytes as UTF-16) on the thread that answers Slack.
 */
export type MarkdownBytes = readonly Uint8Array<ArrayBuffer>[];

/** Each part encoded as it comes, so the whole document never exists as one string. */
export function utf8Parts(parts: Iterable<string>): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  return Array.from(parts, (part) => encoder.encode(part));
}

/** The document as one string: for small drafts and for readers that need the text itself. */
export function markdownText(markdown: string | MarkdownBytes): string {
  if (typeof markdown === 'string') return markdown;
  const decoder = new TextDecoder();
  let text = '';
  for (const part of markdown) text += decoder.decode(part, { stream: true });
  return text + decoder.decode();
}

/** How many bytes the document has as UTF-8. */
export function markdownSize(markdown: MarkdownBytes): number {
  let size = 0;
  for (const part of markdown) size += part.byteLength;
  return size;
}
