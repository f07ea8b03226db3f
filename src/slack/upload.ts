import type { webApi } from '@slack/bolt';
import { splitParts } from '../domain/text-parts.ts';
import type { UploadedFile } from '../usecases/notifier-port.ts';
import { postParts } from './upload-post.ts';

// Slack's external upload (what files.uploadV2 does), with the body sent in the parts it is
// held in: files.uploadV2 takes one Buffer (a long draft's parts joined: ten megabytes at 50,000
// messages) and copies it again into a multipart form.

const SLICE_CHARS = 1 << 20;

/**
 * The UTF-8 bytes of `text` in slices, encoded with a turn of the event loop between slices: a
 * long text's encoding in one go blocks the loop for tens of milliseconds. Slices never split
 * a surrogate pair, so the slices' bytes, one after the other, are exactly the text's.
 */
export async function utf8InSlices(text: string, sliceChars = SLICE_CHARS): Promise<Buffer[]> {
  if (text.length <= sliceChars) return [Buffer.from(text, 'utf8')];
  const parts: Buffer[] = [];
  for (const slice of splitParts(text, sliceChars)) {
    if (parts.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    parts.push(Buffer.from(slice, 'utf8'));
  }
  return parts;
}

/**
 * files.getUploadURLExternal with the total length, the parts POSTed to the upload URL, then
 * files.completeUploadExternal into the channel. The two Web API calls go through `client` (its
 * retries, rate-limit waits and request metrics); the POST retries on the same policy. Returns
 * the completed file's id.
 */
export async function uploadInParts(
  client: webApi.WebClient,
  channelId: string,
  file: UploadedFile,
): Promise<string> {
  const parts = typeof file.content === 'string' ? await utf8InSlices(file.content) : file.content;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length });
  if (!target.upload_url || !target.file_id) {
    throw new Error('files.getUploadURLExternal returned no upload URL');
  }
  await postParts(target.upload_url, parts, length);
  const completed = await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: channelId,
  });
  const id = completed.files?.[0]?.id;
  if (!id) throw new Error('the upload returned no file id');
  return id;
}
