/**
 * `text` in consecutive parts of at most `size` characters (at least 2), never splitting a
 * surrogate pair (an emoji): each part is valid text on its own, and joined they are `text`.
 */
export function splitParts(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + Math.max(2, size));
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
