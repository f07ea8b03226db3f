/** Deeper than any real webhook; deep enough nesting overflows JSON.stringify's stack on save. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when JSON text nests objects or arrays deeper than `limit`. Scans the text without
 * recursion, skipping string contents, so a hostile body cannot overflow the stack here either.
 */
export function nestsDeeperThan(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
