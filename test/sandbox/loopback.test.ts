import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './fixture.ts';

// Both servers of the sandbox, the stand-in with the page and the bot, listen on 127.0.0.1 only.

const fx = useSandbox();

/** Local addresses of listening TCP sockets on `port`, from the kernel's table (Linux). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, p] = (local ?? '').split(':');
      if (state === '0A' && p === hexPort && address) found.push(address);
    }
  }
  return found;
}

function tryConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('loopback only', () => {
  it('listens on 127.0.0.1 and nowhere else, for the page and for the bot', () => {
    for (const port of [fx.sandbox.port, fx.sandbox.bot.port]) {
      // 0100007F is 127.0.0.1 as the kernel writes it.
      expect({ port, listeners: listeners(port) }).toEqual({ port, listeners: ['0100007F'] });
    }
  });

  it('cannot be reached through the machine’s other addresses', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a?.address ?? '');
    for (const address of others) {
      for (const port of [fx.sandbox.port, fx.sandbox.bot.port]) {
        expect({ address, port, outcome: await tryConnect(address, port) }).not.toMatchObject({
          outcome: 'connected',
        });
      }
    }
    expect(await tryConnect('127.0.0.1', fx.sandbox.port)).toBe('connected');
  });
});
