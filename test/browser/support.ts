import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { alertPost, commandThenPost, said } from '../helpers/e2e-steps.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';
import { registerSite, siteEnv } from '../helpers/site.ts';

// What the browser tests of the team site and the public reports share: Debian's Chromium (never
// a downloaded one), launched as the sandbox's browser test launches it, and one small library of
// incidents made with the real commands and events.

/**
 * What the tests' page functions use of the browser's DOM: the project compiles without the DOM
 * library, so each file declares `document` (and the like) locally with these types. The functions
 * run in the page, where the real ones are.
 */
export interface PageElement {
  id: string;
  textContent: string | null;
  outerHTML: string;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  closest(selector: string): PageElement | null;
}
export interface PageDocument {
  activeElement: PageElement | null;
  documentElement: PageElement;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
declare const document: PageDocument;
declare const innerWidth: number;

const CHROMIUM = process.env.SCRIBE_CHROMIUM || '/usr/bin/chromium';
/** Only stops a hung step: a loaded two-core machine can make one take many seconds. */
export const STEP_MS = 30_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  return context;
}

// Monday 23 November 2026, 10:00 UTC.
export const T0 = Date.UTC(2026, 10, 23, 10, 0);
export const MINUTE = 60_000;

export const ANN = { id: 'UANN', name: 'ann', displayName: 'Ann', realName: 'Ann Example' };
export const BOB = { id: 'UBOB', name: 'bob', displayName: 'Bob', realName: 'Bob Example' };
export const CHANNELS = {
  checkout: { id: 'CCHECKOUT1', name: 'checkout-errors' },
  search: { id: 'CSEARCH01', name: 'search-slow' },
  secret: { id: 'GPAYROLL01', name: 'payroll-leak', isPrivate: true },
};
/** Words only the private incident carries: no page may show them to someone outside it. */
export const SECRET_WORDS = ['Payroll leak', 'payroll', 'wombat', 'quokka'];

export interface Library {
  h: Harness;
  /** Published, alerted on (the chart has bars), sev2, service checkout. */
  checkout: number;
  /** A draft post-mortem, sev3, searched for by a word said in it. */
  search: number;
  /** In a private channel only Ann is in; published too, yet never public. */
  secret: number;
}

async function posting(h: Harness, channelId: string, text: string, command = '/incident') {
  await commandThenPost(h, { userId: ANN.id, channelId, command, text });
}

/** The private answer to a command (tag, category): once it came, the change is stored. */
async function say(h: Harness, channelId: string, text: string): Promise<string> {
  const result = await h.command({ userId: ANN.id, channelId, command: '/incident', text });
  return result.ackText ?? (await h.replyTo(result));
}

async function idIn(h: Harness, channelId: string): Promise<number> {
  const incident = await h.bot.deps.store.incidents.findLatestInChannel(channelId);
  if (incident === null) throw new Error(`no incident in ${channelId}`);
  return incident.id;
}

/**
 * The real bot (SQLite, public reports on) with three incidents: one alerted on and published,
 * one a draft, one in a private channel. The site is registered with the stand-in's sign-in.
 */
export async function startLibrary(): Promise<Library> {
  const h = await startHarness({ start: T0, env: siteEnv({ PUBLIC_REPORTS: 'true' }) });
  try {
    h.slack.addUser({ ...ANN, tz: 'UTC' });
    h.slack.addUser({ ...BOB, tz: 'UTC' });
    const { checkout, search, secret } = CHANNELS;
    h.slack.addChannel({ ...checkout, members: [ANN.id, BOB.id] });
    h.slack.addChannel({ ...search, members: [ANN.id, BOB.id] });
    h.slack.addChannel({ ...secret, members: [ANN.id] });
    registerSite(h);

    // Firing five minutes before anyone declared: the chart's first bar.
    h.slack.addHistory(alertPost(checkout.id, T0 - 5 * MINUTE));
    await posting(h, checkout.id, 'start Checkout errors sev2');
    await h.slack.waitFor(() => h.count('messages') === 1);
    for (const event of [
      said(checkout.id, ANN.id, T0 + 2 * MINUTE, 'rolling back the 14:02 deploy'),
      alertPost(checkout.id, T0 + 10 * MINUTE, { state: 'resolved' }),
    ]) {
      expect((await h.event(event)).status).toBe(200);
    }
    expect(await say(h, checkout.id, 'tag service:checkout')).toContain('Tagged');
    expect(await say(h, checkout.id, 'category deploy')).toContain('deploy');
    h.clock.set(T0 + 20 * MINUTE);
    await posting(h, checkout.id, 'mitigated');
    await posting(h, checkout.id, 'Add a canary stage', '/action');
    h.clock.set(T0 + 30 * MINUTE);
    await posting(h, checkout.id, 'resolve');
    await h.postedDraft();
    await posting(h, checkout.id, 'review');
    await posting(h, checkout.id, 'publish');

    h.clock.set(T0 + 2 * 60 * MINUTE);
    await posting(h, search.id, 'start Search slow sev3');
    const spoken = said(search.id, ANN.id, T0 + 121 * MINUTE, 'the elasticsearch shards wobble');
    expect((await h.event(spoken)).status).toBe(200);
    h.clock.set(T0 + 150 * MINUTE);
    await posting(h, search.id, 'resolve');
    await h.postedDraft();

    h.clock.set(T0 + 4 * 60 * MINUTE);
    await posting(h, secret.id, 'start Payroll leak sev1');
    expect(await say(h, secret.id, 'tag service:payroll')).toContain('Tagged');
    await posting(h, secret.id, `Rotate the wombat keys <@${ANN.id}|ann>`, '/action');
    const whispered = said(secret.id, ANN.id, T0 + 241 * MINUTE, 'a quokka copied the ledger');
    expect((await h.event(whispered)).status).toBe(200);
    h.clock.set(T0 + 5 * 60 * MINUTE);
    await posting(h, secret.id, 'resolve');
    await h.postedDraft();
    await posting(h, secret.id, 'review');
    await posting(h, secret.id, 'publish');

    const library = {
      h,
      checkout: await idIn(h, checkout.id),
      search: await idIn(h, search.id),
      secret: await idIn(h, secret.id),
    };
    const states = h.rows('select id, postmortem_state from incidents order by id');
    expect(states).toEqual([
      { id: library.checkout, postmortem_state: 'published' },
      { id: library.search, postmortem_state: 'draft' },
      { id: library.secret, postmortem_state: 'published' },
    ]);
    h.clock.set(T0 + 6 * 60 * MINUTE);
    return library;
  } catch (error) {
    await h.close();
    throw error;
  }
}

/**
 * Signs `person` in as a person does: the site sends the browser to the sign-in page, its button
 * to Slack's consent page (the stand-in's), where the person is chosen and allowed.
 */
export async function signInThroughSlack(
  page: Page,
  baseUrl: string,
  person: { realName: string },
  path = '/incidents',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === '/auth/sign-in');
  await page.getByRole('link', { name: 'Sign in with Slack' }).click();
  await page.getByRole('combobox', { name: /Sign in to .* as/ }).selectOption({
    label: person.realName,
  });
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.origin === baseUrl && url.pathname === path);
}

const requireHere = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(requireHere.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's serious and critical findings on the page as it is now. The site's CSP forbids
 * inline scripts, so axe is evaluated through the DevTools protocol (page.evaluate), which the
 * CSP does not govern.
 */
export async function seriousViolations(
  page: Page,
): Promise<{ violations: AxeViolation[]; passed: number }> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } })
      .axe;
    const found = (await axe.run(document, { resultTypes: ['violations'] })) as {
      passes: unknown[];
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; failureSummary?: string }>;
      }>;
    };
    return {
      passed: found.passes.length,
      violations: found.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
      })),
    };
  });
  return {
    passed: result.passed,
    violations: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  };
}

/** The page's width against the viewport's: wider means the body scrolls sideways. */
export function fitsWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
  }));
}
