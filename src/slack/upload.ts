import { splitParts } from '../domain/text-parts.ts';
import type { UploadedFile } from '../usecases/notifier-port.ts';

// What files.uploadV2 sends: one Buffer, made without blocking the event loop for long.

const SLICE_CHARS = 1 << 20;

/**
 * The UTF-8 bytes of `text`, encoded a slice at a time with a turn of the event loop between
 * slices: a long draft's Markdown is ten megabytes, whose encoding in one go blocks the loop for
 * tens of milliseconds. Slices never split a surrogate pair.
 */
export async function utf8InSlices(text: string, sliceChars = SLICE_CHARS): Promise<Buffer> {
  if (text.length <= sliceChars) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (const slice of splitParts(text, sliceChars)) {
    if (parts.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    parts.push(Buffer.from(slice, 'utf8'));
  }
  return Buffer.concat(parts);
}

/**
 * The body of an upload. A draft's Markdown comes as UTF-8 parts, joined once here (the client
 * sends one body); text is encoded a slice at a time.
 */
export async function uploadBody(content: UploadedFile['content']): Promise<Buffer> {
  return typeof content === 'string' ? utf8InSlices(content) : Buffer.concat(content);
}
