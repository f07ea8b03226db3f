import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/slack/notifier.ts';
import { postParts, writeSlices } from '../../src/slack/upload-post.ts';
import { type FileToSend, type Notifier, NotifierError } from '../../src/usecases/ports.ts';
import { useStandIn } from '../stand-in/test-fixture.ts';

// The draft's upload: Slack's three steps with the body sent in the parts it is held in, through
// the Slack stand-in (and, for the POST's own behaviour, a plain HTTP server).

const fx = useStandIn();
const CHANNEL = 'CUPLOAD1';
const NO_RETRIES = { retries: 0 };

function notifier() {
  fx.slack.addChannel({ id: CHANNEL, name: 'inc-upload' });
  return createSlackNotifier(fx.client(), { userId: null, botId: null });
}

/** Both steps in a row: the bytes sent, then the file shared into CHANNEL under `title`. */
async function upload(
  slackNotifier: Notifier,
  file: FileToSend & { title: string },
): Promise<{ id: string; permalink: string | null }> {
  const sent = await slackNotifier.sendFile(file);
  return slackNotifier.shareFile(CHANNEL, sent, file.title);
}

/** What a one-character upload throws (or answers) when Slack refuses `method` with `error`. */
async function failedUpload(method: string, error: string): Promise<unknown> {
  const slackNotifier = notifier();
  fx.slack.failNext(method, { error });
  return upload(slackNotifier, { filename: 'x.md', title: 'X', content: 'x' }).catch(
    (e: unknown) => e,
  );
}

/** `bytes` cut at the given offsets, wherever they fall (inside a character too). */
function cut(bytes: Buffer, at: number[]): Uint8Array<ArrayBuffer>[] {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    parts.push(new Uint8Array(bytes.subarray(from, to)));
    from = to;
  }
  return parts;
}

describe('uploading a file in parts', () => {
  it('uploads exactly the bytes of parts cut inside multi-byte characters, with their length', async () => {
    const text = '# Post-mortem 📌\n\nÉtat: résolu 🔥 — p99 fine\n'.repeat(200);
    const bytes = Buffer.from(text, 'utf8');
    // 15 is inside 📌 (bytes 14–17), 27 inside É; an empty part is sent as nothing.
    const parts = cut(bytes, [15, 27, 27, 1000, bytes.length - 1]);
    const uploaded = await upload(notifier(), {
      filename: 'postmortem-inc-upload.md',
      title: 'Post-mortem draft: Upload',
      content: parts,
    });
    const file = fx.slack.uploads.get(uploaded.id);
    expect(file?.bytes?.equals(bytes)).toBe(true);
    expect(file?.bytes?.toString('utf8')).toBe(text);
    expect(file).toMatchObject({
      length: bytes.length,
      completed: true,
      channels: [CHANNEL],
      title: 'Post-mortem draft: Upload',
    });
    expect(fx.slack.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: 'postmortem-inc-upload.md',
      length: String(bytes.length),
    });
    expect(uploaded.permalink).toContain(uploaded.id);
    const [shared] = fx.slack.history(CHANNEL);
    expect(shared).toMatchObject({ subtype: 'file_share' });
  });

  it('sends the bytes without showing the file anywhere until it is shared', async () => {
    const slackNotifier = notifier();
    const sent = await slackNotifier.sendFile({ filename: 'draft.md', content: 'the draft\n' });
    expect(fx.slack.uploads.get(sent.id)).toMatchObject({ completed: false, channels: [] });
    expect(fx.slack.uploads.get(sent.id)?.bytes?.toString('utf8')).toBe('the draft\n');
    expect(fx.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(fx.slack.history(CHANNEL)).toEqual([]);

    const shared = await slackNotifier.shareFile(CHANNEL, sent, 'Post-mortem draft: X');
    expect(shared.id).toBe(sent.id);
    expect(fx.slack.uploads.get(sent.id)).toMatchObject({
      completed: true,
      channels: [CHANNEL],
      title: 'Post-mortem draft: X',
    });
    expect(fx.slack.history(CHANNEL)).toMatchObject([{ subtype: 'file_share' }]);
  });

  it('uploads text as its UTF-8 bytes', async () => {
    const text = 'a 📌 and an é\n'.repeat(10);
    const uploaded = await upload(notifier(), {
      filename: 'notes.md',
      title: 'Notes',
      content: text,
    });
    expect(fx.slack.uploads.get(uploaded.id)?.bytes?.toString('utf8')).toBe(text);
  });

  it('uploads an empty document as an empty file', async () => {
    const uploaded = await upload(notifier(), {
      filename: 'empty.md',
      title: 'Empty',
      content: [],
    });
    expect(fx.slack.uploads.get(uploaded.id)).toMatchObject({ length: 0, completed: true });
    expect(fx.slack.uploads.get(uploaded.id)?.bytes?.length).toBe(0);
  });

  it('fails with Slack’s error and completes nothing when Slack refuses the upload URL', async () => {
    const error = await failedUpload('files.getUploadURLExternal', 'not_allowed_token_type');
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).code).toBe('not_allowed_token_type');
    expect(fx.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(fx.slack.history(CHANNEL)).toEqual([]);
  });

  it('fails when Slack will not complete the file, and shares nothing', async () => {
    const error = await failedUpload('files.completeUploadExternal', 'channel_not_found');
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).code).toBe('channel_not_found');
    expect([...fx.slack.uploads.values()].filter((u) => u.completed)).toEqual([]);
    expect(fx.slack.history(CHANNEL)).toEqual([]);
  });
});

describe('writeSlices', () => {
  it('cuts parts into views of at most the given size, in order, leaving out empty ones', () => {
    const parts = [Buffer.from('abcdefg'), Buffer.alloc(0), Buffer.from('hi'), Buffer.from('jklm')];
    const slices = [...writeSlices(parts, 3)];
    expect(slices.map((s) => Buffer.from(s).toString())).toEqual([
      'abc',
      'def',
      'g',
      'hi',
      'jkl',
      'm',
    ]);
    // Views of the parts' own memory, not copies.
    expect(slices[1]?.buffer).toBe(parts[0]?.buffer);
    expect([...writeSlices([Buffer.alloc(0)], 3)]).toEqual([]);
  });
});

describe('the POST to the upload URL', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = undefined;
  });

  interface Received {
    headers: IncomingMessage['headers'];
    body: Buffer;
  }

  /** A server answering each POST with the next of `statuses` (the last one repeated). */
  async function serve(statuses: Array<{ status: number; headers?: Record<string, string> }>) {
    const received: Received[] = [];
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      const answer = statuses[Math.min(received.length, statuses.length) - 1] ?? { status: 200 };
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(`OK - ${received.at(-1)?.body.length}`);
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/upload/F1`, received };
  }

  const parts = [Buffer.from('one 📌'), Buffer.from(' two'), Buffer.from(' three')];
  const length = parts.reduce((n, p) => n + p.length, 0);

  it('sends the parts as one body with its Content-Length, not chunked', async () => {
    const { url, received } = await serve([{ status: 200 }]);
    await postParts(url, parts, length, { policy: NO_RETRIES });
    expect(received).toHaveLength(1);
    expect(received[0]?.body.toString('utf8')).toBe('one 📌 two three');
    expect(received[0]?.headers['content-length']).toBe(String(length));
    expect(received[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('sends a big body in many parts, waiting for each drain without piling up listeners', async () => {
    const { url, received } = await serve([{ status: 200 }]);
    // Each 256 KB part fills the socket's buffer, so each write waits for a drain.
    const many = Array.from({ length: 40 }, (_, i) => Buffer.alloc(256 * 1024, 97 + (i % 26)));
    const total = many.reduce((n, p) => n + p.length, 0);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      await postParts(url, many, total, { policy: NO_RETRIES });
      // Warnings are emitted on the next tick.
      await new Promise((done) => setImmediate(done));
    } finally {
      process.removeListener('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    expect(received[0]?.body.equals(Buffer.concat(many))).toBe(true);
  });

  it('tries again after a 5xx and after a 429 (waiting its Retry-After)', async () => {
    const { url, received } = await serve([
      { status: 503 },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200 },
    ]);
    const policy = { retries: 3, minTimeout: 1, maxTimeout: 1 };
    await postParts(url, parts, length, { policy });
    expect(received.map((r) => r.body.toString('utf8'))).toEqual(Array(3).fill('one 📌 two three'));
  });

  it('gives up at once when a Retry-After would start the next try past maxRetryTime', async () => {
    const { url, received } = await serve([{ status: 429, headers: { 'retry-after': '60' } }]);
    const policy = { retries: 3, minTimeout: 1, maxTimeout: 1, maxRetryTime: 5_000 };
    // Not after a minute (past the test's timeout): the draft-delivery job tries again later.
    await expect(postParts(url, parts, length, { policy })).rejects.toThrow('HTTP 429');
    expect(received).toHaveLength(1);
  });

  it('gives up after its retries, saying what the upload URL answered', async () => {
    const { url, received } = await serve([{ status: 500 }]);
    const policy = { retries: 2, minTimeout: 1, maxTimeout: 1 };
    await expect(postParts(url, parts, length, { policy })).rejects.toThrow(
      'the upload URL answered HTTP 500',
    );
    expect(received).toHaveLength(3);
  });

  it('fails at once on any other refusal', async () => {
    const { url, received } = await serve([{ status: 404 }]);
    const policy = { retries: 3, minTimeout: 1, maxTimeout: 1 };
    await expect(postParts(url, parts, length, { policy })).rejects.toThrow('HTTP 404');
    expect(received).toHaveLength(1);
  });

  it('fails when the upload URL never answers', async () => {
    server = createServer(() => {
      // Takes the request and never answers.
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/upload/F1`;
    await expect(
      postParts(url, parts, length, { policy: NO_RETRIES, idleTimeoutMs: 200 }),
    ).rejects.toThrow('was silent for 200 ms');
    server.closeAllConnections();
  });

  it('fails when nothing listens at the upload URL', async () => {
    const { url } = await serve([{ status: 200 }]);
    await new Promise((done) => server?.close(done));
    server = undefined;
    await expect(postParts(url, parts, length, { policy: NO_RETRIES })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('refuses an upload URL that is not http(s), sending nothing', async () => {
    await expect(postParts('file:///etc/passwd', parts, length)).rejects.toThrow(
      'the upload URL is not http(s): file:',
    );
  });
});
