import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';
import { upload } from '../helpers/upload.ts';

// An ordinary client sending a body over the 1 MiB limit reads the documented 413 (it used to
// get EPIPE or ECONNRESET), nothing is stored, and the bot keeps serving.

const CHANNEL = 'CBIG0001';
const TOKEN = 'whk-oversized-0123456789';
const FIVE_MB = 5 * 1000 * 1000;
const FAR_OVER = 64 * 1024 * 1024;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ env: { WEBHOOK_TOKEN: TOKEN } });
  h.slack.addUser({ id: 'UA', name: 'ann', displayName: 'Ann' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-big' });
});

afterEach(async () => {
  await h.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOOK = {
  'content-type': 'application/json',
  authorization: `Bearer ${TOKEN}`,
};
const hookUrl = () => `${h.baseUrl}/hooks/generic?channel=${CHANNEL}`;

function stored() {
  return {
    incidents: h.count('incidents'),
    messages: h.count('messages'),
    webhookAlerts: h.count('webhook_alerts'),
  };
}

async function expectStillServing() {
  const res = await h.command({
    userId: 'UA',
    channelId: CHANNEL,
    command: '/incident',
    text: 'start Still here',
  });
  expect(res.status).toBe(200);
  await h.slack.waitFor(() => h.count('incidents') === 1);
  const hook = await fetch(hookUrl(), {
    method: 'POST',
    headers: HOOK,
    body: JSON.stringify({ alerts: [{ name: 'Disk full', state: 'firing' }] }),
  });
  expect(hook.status).toBe(202);
}

describe('a 5 MB body from Node http.request', () => {
  it.each([
    ['streamed (chunked)', {}],
    ['with Content-Length', { 'content-length': String(FIVE_MB) }],
  ])('to /slack/events, %s: reads the 413, no reset', async (_how, length) => {
    const result = await upload(h.url, { total: FIVE_MB, headers: { ...FORM, ...length } });
    expect(result).toMatchObject({ status: 413, errors: [], sent: FIVE_MB });
    expect(JSON.parse(result.body)).toEqual({ ok: false, error: 'request body too large' });
    expect(stored()).toEqual({ incidents: 0, messages: 0, webhookAlerts: 0 });
    await expectStillServing();
  });

  it.each([
    ['streamed (chunked)', {}],
    ['with Content-Length', { 'content-length': String(FIVE_MB) }],
  ])('to /hooks/generic, %s: reads the 413, no reset', async (_how, length) => {
    const result = await upload(hookUrl(), { total: FIVE_MB, headers: { ...HOOK, ...length } });
    expect(result).toMatchObject({ status: 413, errors: [], sent: FIVE_MB });
    expect(JSON.parse(result.body)).toEqual({ error: 'body is larger than 1048576 bytes' });
    expect(stored()).toEqual({ incidents: 0, messages: 0, webhookAlerts: 0 });
    await expectStillServing();
  });

  it('to /hooks/generic without the token: reads the 401, no reset', async () => {
    const headers = { 'content-type': 'application/json' };
    const result = await upload(hookUrl(), { total: FIVE_MB, headers });
    expect(result).toMatchObject({ status: 401, errors: [], sent: FIVE_MB });
    expect(stored().webhookAlerts).toBe(0);
  });
});

describe('a body far past what is drained', () => {
  it.each([
    ['/slack/events', () => h.url, FORM],
    ['/hooks/generic', hookUrl, HOOK],
  ])(
    'to %s is cut off: the connection closes long before the client is done',
    async (_path, url, headers) => {
      const result = await upload(url(), { total: FAR_OVER, headers });
      // The server read at most the limit plus the drain bound (9 MiB), dropping it as it came;
      // what the client got past that sits in socket buffers until the connection is cut.
      expect(result.sent).toBeLessThan(FAR_OVER);
      expect(result.status === 413 || result.errors.length > 0).toBe(true);
      expect(stored()).toEqual({ incidents: 0, messages: 0, webhookAlerts: 0 });
      await expectStillServing();
    },
  );
});
