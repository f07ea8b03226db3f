import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startBot } from '../../src/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { BOT_TOKEN, captureLogs, TestClock, testConfig } from '../helpers/harness.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

// A Socket Mode bot whose app-level token Slack refuses stops at start-up with a clear error,
// frees its port and its database, and never logs the token.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

it('refuses to start with an app-level token Slack does not accept', async () => {
  const slack: SlackStandIn = await startSlackStandIn({ token: BOT_TOKEN });
  cleanups.push(() => slack.close());
  const dir = mkdtempSync(join(tmpdir(), 'scribe-socket-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const wrongToken = 'xapp-1-A0001-not-the-right-one';
  const { lines, sink } = captureLogs();
  const config = testConfig(slack, join(dir, 'scribe.db'), {
    SLACK_APP_TOKEN: wrongToken,
    SLACK_SIGNING_SECRET: '',
    PORT: String(port),
  });
  await expect(
    startBot({
      config,
      clock: new TestClock(Date.UTC(2026, 10, 21, 14)),
      logger: createLogger('debug', sink),
      slackRetries: 0,
      host: '127.0.0.1',
    }),
  ).rejects.toThrow('Slack did not accept SLACK_APP_TOKEN (apps.connections.open: invalid_auth)');
  expect(await canListen(port)).toBe(true);
  expect(slack.socket.opened).toBe(0);
  expect(lines.join('')).not.toContain(wrongToken);
});
