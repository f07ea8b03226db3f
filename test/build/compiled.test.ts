import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../bench/seed.ts';
import { threadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { openDatabase } from '../../src/store/db.ts';
import { markdownText } from '../../src/usecases/draft-markdown.ts';
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/dist.ts';

// What the compiled code reads beside itself: the draft worker's module and the sandbox page.
// (The migrations are read by every start of dist/main.js in test/e2e/main-process.test.ts.)

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-compiled-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

beforeAll(ensureBuilt, BUILD_TIMEOUT);

describe('the compiled code', () => {
  it('composes a draft in the compiled worker thread, no loader, the same as from the sources', async () => {
    const database = openDatabase(join(tempDir(), 'scribe.db'));
    cleanups.push(() => database.close());
    const incidentId = seedIncident(database.db, {
      channelId: 'CBUILD',
      messages: 300,
      resolved: true,
    });
    const job = { incidentId, timeZone: 'Europe/Berlin', generatedAt: 1_800_000_000_000 };
    const compiled = (await import(pathToFileURL(resolve('dist/jobs/draft-thread.js')).href)) as {
      threadDraftComposer: typeof threadDraftComposer;
    };
    const fromDist = await compiled.threadDraftComposer(database.sqlite.name).compose(job);
    const fromSource = await threadDraftComposer(database.sqlite.name).compose(job);
    expect(markdownText(fromDist?.markdown ?? '')).toContain('# ');
    expect(fromDist).toEqual(fromSource);
  }, 120_000);

  it('scribe sandbox from dist/ serves its page and assets, kept in src/sandbox/page/', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [resolve('dist/cli/main.js'), 'sandbox', '--port', '0'],
      { env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(tempDir(), 'scribe.db') } },
    );
    const exited = new Promise((done) => child.on('exit', done));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    let url: string | undefined;
    while (url === undefined && child.exitCode === null) {
      url = output.match(/Open (http:\/\/127\.0\.0\.1:\d+\/sandbox)\n/)?.[1];
      await new Promise((r) => setTimeout(r, 50));
    }
    if (url === undefined) throw new Error(`the sandbox did not start:\n${output}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await fetch(`${url}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${url}/assets/..%2F..%2Fstatic.ts`)).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
