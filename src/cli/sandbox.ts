import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { messageOf } from '../import/export-error.ts';
import { type RunningSandbox, startSandbox } from '../sandbox/start.ts';

export const SANDBOX_USAGE = `Usage: scribe sandbox [--port N] [--socket]   (or: npm run sandbox -- --port N)

Runs the real bot against a built-in stand-in of Slack, with a web page to drive it as the
people of a small workspace. Needs no Slack app or tokens; listens on 127.0.0.1 only.

  -p, --port N        the page's port (default: PORT from .env or the environment, else 3000)
      --socket        run the bot in Socket Mode: it connects to the stand-in over a WebSocket
                      (with a random xapp- token) instead of receiving HTTP requests
  -h, --help          show this help

Incidents go to DATABASE_PATH (default ./data/scribe.db), so \`scribe export\` works on them.
SCRIBE_TIMEZONE, LOOKBACK_MINUTES, INCIDENTS_CHANNEL and the other settings apply; Slack and
GitHub credentials are ignored. Stop it with Ctrl+C.
`;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

/** `scribe sandbox`: runs until SIGINT or SIGTERM, then stops cleanly; returns the exit code. */
export async function sandboxCommand(args: string[]): Promise<number> {
  let port: number;
  let socket = false;
  try {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', short: 'p' },
        socket: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      out(SANDBOX_USAGE);
      return 0;
    }
    if (existsSync('.env')) process.loadEnvFile('.env');
    port = readPort(values.port ?? process.env.PORT ?? '3000');
    socket = values.socket === true;
  } catch (error) {
    err(`scribe sandbox: ${messageOf(error)}\n\n`);
    err(SANDBOX_USAGE);
    return 2;
  }

  const databasePath = process.env.DATABASE_PATH?.trim() || './data/scribe.db';
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port,
      databasePath,
      env: { LOG_LEVEL: 'warn', ...process.env },
      socket,
    });
  } catch (error) {
    err(`${whyNotStarted(error, port)}\n`);
    return 1;
  }
  out(
    [
      `incident-scribe sandbox: loopback only (127.0.0.1:${sandbox.port}); no data leaves this machine.`,
      `Open ${sandbox.url}`,
      `Database: ${resolve(databasePath)} (\`npx scribe export\` reads it)`,
      socket
        ? `The bot itself: Socket Mode over the stand-in; http://127.0.0.1:${sandbox.bot.port} (/healthz, /hooks/*)`
        : `The bot itself: http://127.0.0.1:${sandbox.bot.port} (/slack/events, /healthz, /hooks/*)`,
      `The incident library: http://127.0.0.1:${sandbox.bot.port}/incidents (signs in as the person the page acts as)`,
      'No Slack tokens needed. Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  const signal = await untilSignal();
  out(`Stopping the sandbox (${signal})…\n`);
  try {
    await sandbox.stop();
  } catch (error) {
    err(`The sandbox did not stop cleanly: ${String(error)}\n`);
    return 1;
  }
  return 0;
}

function readPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got "${text}")`);
  }
  return port;
}

function whyNotStarted(error: unknown, port: number): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return (
      `scribe sandbox: port ${port} on 127.0.0.1 is already in use (is a sandbox or the bot ` +
      `already running?). Stop that, or pick another port: npm run sandbox -- --port ${port + 1}`
    );
  }
  if (error instanceof ConfigError) return `scribe sandbox cannot start.\n${error.message}`;
  return `scribe sandbox failed to start: ${messageOf(error)}`;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
