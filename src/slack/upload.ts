import type { webApi } from '@slack/bolt';
import { splitParts } from '../domain/text-parts.ts';
import type { FileToSend } from '../usecases/notifier-port.ts';
import { postParts } from './upload-post.ts';

// Slack's external upload (what files.uploadV2 does), with the body sent in the parts it is
// held in: files.uploadV2 takes one Buffer (a long draft's parts joined: ten megabytes at 50,000
// messages) and copies it again into a multipart form. Two steps, as the Notifier port has them:
// the bytes sent (nothing visible), then the file completed into a channel, so the bytes can
// travel while the draft is still being stored.

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
 * files.getUploadURLExternal with the total length, then the parts POSTed to the upload URL.
 * Nothing is shared yet (completeUpload does that). The Web API call goes through `client` (its
 * retries, rate-limit waits and request metrics); the POST retries on the same policy. Returns
 * the file's id.
 */
export async function sendInParts(client: webApi.WebClient, file: FileToSend): Promise<string> {
  const parts = typeof file.content === 'string' ? await utf8InSlices(file.content) : file.content;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length });
  if (!target.upload_url || !target.file_id) {
    throw new Error('files.getUploadURLExternal returned no upload URL');
  }
  await postParts(target.upload_url, parts, length);
  return target.file_id;
}

/** files.completeUploadExternal: a sent file shared into the channel. Returns its id. */
export async function completeUpload(
  client: webApi.WebClient,
  channelId: string,
  fileId: string,
  title: string,
): Promise<string> {
  const completed = await client.files.completeUploadExternal({
    files: [{ id: fileId, title }],
    channel_id: channelId,
  });
  const id = completed.files?.[0]?.id;
  if (!id) throw new Error('the upload returned no file id');
  return id;
}
