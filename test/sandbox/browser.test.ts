import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startSandbox } from '../../src/sandbox/start.ts';

// The sandbox page driven as a person would: Debian's Chromium (never a downloaded one) against
// the real bot and the stand-in, started in-process on loopback.

const CHROMIUM = process.env.SCRIBE_CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 30_000;

let dir: string;
let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-browser-'));
  sandbox = await startSandbox({
    port: 0,
    databasePath: join(dir, 'scribe.db'),
    logger: createLogger('warn'),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(STEP_MS);
  page = await context.newPage();
  await page.goto(new URL('/sandbox', sandbox.url).href);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function messages(): Locator {
  return page.getByRole('log', { name: 'Messages in #checkout' });
}

function message(text: string | RegExp): Locator {
  return messages().getByRole('article').filter({ hasText: text });
}

function fromAlice(text: string): Locator {
  return messages().getByRole('article', { name: 'Message from alice' }).filter({ hasText: text });
}

async function type(text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message #checkout' });
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => box.inputValue()).toBe('');
}

async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

describe('the sandbox page', () => {
  it('runs an incident from declaration to draft post-mortem', async () => {
    await expect
      .poll(() => page.getByRole('status', { name: 'Sandbox notice' }).textContent())
      .toMatch(/loopback/i);
    await page
      .getByRole('combobox', { name: 'Act as' })
      .selectOption({ label: 'alice (Alice Moreau)' });
    await page
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('button', { name: '#checkout' })
      .click();

    await type('/incident start Checkout errors sev2');
    await visible(message(/Incident declared: Checkout errors/).filter({ hasText: '@alice' }));

    await type('Customers see 500s on /pay');
    await type('Rolling back the 14:02 deploy, @bob is checking the database');
    await visible(message('Rolling back the 14:02 deploy, @bob is checking the database'));

    const first = message('Customers see 500s on /pay');
    await first.hover();
    await first.getByRole('button', { name: 'Reply in thread' }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    await thread.getByRole('textbox', { name: 'Reply in thread' }).fill('Only in the EU region');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await visible(thread.getByRole('article').filter({ hasText: 'Only in the EU region' }));
    await visible(first.getByRole('button', { name: '1 reply' }));
    await thread.getByRole('button', { name: 'Close thread' }).click();

    await page.getByRole('button', { name: 'Alertmanager firing' }).click();
    await visible(messages().getByRole('article', { name: /Alertmanager/ }));

    const rollback = message('Rolling back the 14:02 deploy');
    await rollback.hover();
    await rollback.getByRole('button', { name: 'Add to timeline' }).click();
    await visible(
      messages()
        .getByRole('article', { name: /^Only visible to you/ })
        .filter({ hasText: 'Added to the incident timeline' }),
    );

    const pinned = message('Customers see 500s on /pay');
    await pinned.hover();
    await pinned.getByRole('button', { name: 'Add 📌 reaction' }).click();
    await visible(pinned.getByRole('button', { name: /^📌 1, reacted by alice$/ }));

    await type('/lead @bob');
    await visible(message(/@bob is now the incident lead/));

    await type('/incident resolve');
    await visible(message(/Resolved.*by @alice/));
    const draft = messages()
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: /Post-mortem draft: Checkout errors/ }) });
    await visible(draft);
    await expect.poll(() => draft.first().textContent()).toMatch(/TTD[\s\S]*TTM/);
    await expect.poll(() => draft.first().textContent()).toContain('Customers see 500s on /pay');

    // The uploaded draft opens from the page, served by the sandbox itself.
    const view = await draft
      .first()
      .getByRole('link', { name: 'View full draft' })
      .getAttribute('href');
    expect(new URL(view ?? '', page.url()).pathname).toMatch(/^\/sandbox\/files\/F[A-Z0-9]+$/);
    const file = messages().getByRole('link', { name: /📄/ }).first();
    await visible(file);
    const [opened] = await Promise.all([page.context().waitForEvent('page'), file.click()]);
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toMatch(/^\/sandbox\/files\/F[A-Z0-9]+$/);
    expect(await opened.textContent('body')).toContain('Checkout errors');
    await opened.close();

    // The draft just went out, so Regenerate answers (to alice only) instead of posting again.
    await draft.first().getByRole('button', { name: 'Regenerate draft' }).click();
    const answer = messages()
      .getByRole('article', { name: /^Only visible to you/ })
      .filter({ hasText: /regenerated|fresh draft/i });
    await visible(answer);
    const answerText = (await answer.first().locator('.body').textContent()) ?? '';
    expect(answerText.length).toBeGreaterThan(10);
    expect(await page.getByRole('alert').isHidden()).toBe(true);

    const ephemerals = messages().getByRole('article', { name: /^Only visible to you/ });
    expect(await ephemerals.count()).toBeGreaterThanOrEqual(2);
    await page
      .getByRole('combobox', { name: 'Act as' })
      .selectOption({ label: 'bob (Bob Okafor)' });
    // The page puts the viewer in its address once it shows what they see.
    await page.waitForURL(/[?&]as=U0BOB\b/);
    await visible(message('Customers see 500s on /pay'));
    await visible(draft);
    await expect.poll(() => messages().getByText(answerText.trim()).count()).toBe(0);
    expect(await ephemerals.count()).toBe(0);

    const db = new Database(join(dir, 'scribe.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          'SELECT title, severity, status, lead_id AS lead, resolved_at AS resolvedAt FROM incidents',
        )
        .all() as {
        title: string;
        severity: string;
        status: string;
        lead: string;
        resolvedAt: number | null;
      }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        title: 'Checkout errors',
        severity: 'sev2',
        status: 'resolved',
        lead: 'U0BOB',
      });
      expect(rows[0]?.resolvedAt).toEqual(expect.any(Number));
    } finally {
      db.close();
    }
  });

  it('edits and deletes your own messages, and shows API errors on the page', async () => {
    await page
      .getByRole('combobox', { name: 'Act as' })
      .selectOption({ label: 'alice (Alice Moreau)' });
    await page.waitForURL(/[?&]as=U0ALICE\b/);
    const own = fromAlice('Rolling back the 14:02 deploy');
    await own.hover();
    await own.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('textbox', { name: 'Edit message' });
    // The edit box shows what was typed, not Slack's encoding of it.
    expect(await edit.inputValue()).toBe(
      'Rolling back the 14:02 deploy, @bob is checking the database',
    );
    await edit.fill('Rolled back the 14:02 deploy <b>& waiting</b>');
    await page.getByRole('button', { name: 'Save' }).click();
    const edited = fromAlice('Rolled back the 14:02 deploy <b>& waiting</b>');
    await visible(edited.getByText('(edited)'));
    expect(await edited.locator('b').count()).toBe(0);
    await edited.hover();
    await edited.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => fromAlice('Rolled back the 14:02 deploy').count()).toBe(0);
    // Only your own messages can be edited.
    const announcement = message(/Incident declared/).first();
    await announcement.hover();
    await visible(announcement.getByRole('button', { name: 'Add 📌 reaction' }));
    expect(await announcement.getByRole('button', { name: 'Edit' }).count()).toBe(0);

    // Slack refuses messages over 40,000 characters; the sandbox says so, and the page shows it.
    await page.getByRole('textbox', { name: 'Message #checkout' }).fill('x'.repeat(40_001));
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/40[,.]?000/);
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    expect(await page.getByRole('alert').isHidden()).toBe(true);
  });
});
