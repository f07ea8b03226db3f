import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../helpers/site.ts';
import {
  ANN,
  BOB,
  type Library,
  launchChromium,
  newContext,
  SECRET_WORDS,
  signInThroughSlack,
  startLibrary,
} from './support.ts';

// The incident library as a person uses it, in Debian's Chromium against the real bot: signing in
// through Slack's consent page, filtering and searching with the form, opening an incident and
// its chart, and a private channel's incident hidden from someone outside it on every page.

let library: Library;
let browser: Browser;
let ann: Page;
let bob: Page;

/** A browser context holding `person`'s session, sealed as the site's sign-in seals it. */
async function signedIn(person: { id: string; realName: string }): Promise<BrowserContext> {
  const context = await newContext(browser);
  const [name = '', value = ''] = sessionCookie(
    { userId: person.id, name: person.realName },
    library.h.clock.now(),
  ).split('=', 2);
  await context.addCookies([{ name, value, url: library.h.baseUrl }]);
  return context;
}

const url = (path: string) => `${library.h.baseUrl}${path}`;

/** The titles listed in the incident table, in order. */
function listedTitles(page: Page): Promise<string[]> {
  return page.locator('table tbody th[scope="row"] a').allTextContents();
}

function mainText(page: Page): Promise<string> {
  return page.getByRole('main').innerText();
}

beforeAll(async () => {
  library = await startLibrary();
  browser = await launchChromium();
  ann = await (await signedIn(ANN)).newPage();
  bob = await (await signedIn(BOB)).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await library?.h.close();
});

describe('the incident library in a browser', () => {
  it('signs a person in through Slack and back to the list', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signInThroughSlack(page, library.h.baseUrl, BOB);
      await expect.poll(() => page.locator('header.site').innerText()).toContain('Bob Example');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Incidents');
      expect(await listedTitles(page)).toEqual(['Search slow', 'Checkout errors']);
    } finally {
      await context.close();
    }
  });

  it('filters and searches with the form, the filters kept in the URL', async () => {
    await ann.goto(url('/incidents'));
    expect(await listedTitles(ann)).toEqual(['Payroll leak', 'Search slow', 'Checkout errors']);

    const form = ann.getByRole('search', { name: 'Filter incidents' });
    await form.getByRole('checkbox', { name: 'SEV2' }).check();
    await form
      .getByRole('searchbox', { name: 'Search titles, sections and messages' })
      .fill('rolling');
    await form.getByRole('button', { name: 'Show incidents' }).click();
    await ann.waitForURL((u) => u.searchParams.get('q') === 'rolling');
    const filtered = new URL(ann.url());
    expect(filtered.searchParams.getAll('severity')).toEqual(['sev2']);
    expect(await listedTitles(ann)).toEqual(['Checkout errors']);

    // Reloaded or shared, the address shows the same incidents and the form as it was sent.
    await ann.reload();
    expect(await listedTitles(ann)).toEqual(['Checkout errors']);
    expect(await form.getByRole('checkbox', { name: 'SEV2' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'SEV3' }).isChecked()).toBe(false);
    expect(await form.getByRole('searchbox').inputValue()).toBe('rolling');
    await bob.goto(filtered.href);
    expect(await listedTitles(bob)).toEqual(['Checkout errors']);
  });

  it('searches words said in an incident and chooses a service, then clears the filters', async () => {
    await ann.goto(url('/incidents?severity=sev2&q=rolling'));
    const form = ann.getByRole('search', { name: 'Filter incidents' });
    // A word said only in another incident, and a service chosen from the list.
    await form.getByRole('checkbox', { name: 'SEV2' }).uncheck();
    await form.getByRole('searchbox').fill('elasticsearch');
    await form.getByRole('button', { name: 'Show incidents' }).click();
    await ann.waitForURL((u) => u.searchParams.get('q') === 'elasticsearch');
    expect(await listedTitles(ann)).toEqual(['Search slow']);
    await form.getByRole('searchbox').fill('');
    await form.getByRole('combobox', { name: 'Service' }).selectOption('checkout');
    await form.getByRole('button', { name: 'Show incidents' }).click();
    await ann.waitForURL((u) => u.searchParams.get('service') === 'checkout');
    expect(await listedTitles(ann)).toEqual(['Checkout errors']);

    await form.getByRole('checkbox', { name: 'SEV3' }).check();
    await form.getByRole('button', { name: 'Show incidents' }).click();
    await ann.waitForURL((u) => u.searchParams.get('severity') === 'sev3');
    expect(await ann.getByRole('heading', { name: 'No incidents' }).count()).toBe(1);
    await ann.getByRole('link', { name: 'Clear the filters' }).click();
    await ann.waitForURL((u) => u.pathname === '/incidents' && u.search === '');
    expect(await listedTitles(ann)).toHaveLength(3);
  });

  it('pages through the list, each page its own address', async () => {
    await ann.goto(url('/incidents?per=1'));
    const pages = ann.getByRole('navigation', { name: 'Pages' });
    expect(await pages.innerText()).toContain('Page 1 of 3');
    expect(await listedTitles(ann)).toEqual(['Payroll leak']);
    await pages.getByRole('link', { name: 'Next page →' }).click();
    await ann.waitForURL((u) => u.searchParams.get('page') === '2');
    expect(new URL(ann.url()).searchParams.get('per')).toBe('1');
    expect(await listedTitles(ann)).toEqual(['Search slow']);
    await pages.getByRole('link', { name: 'Next page →' }).click();
    await ann.waitForURL((u) => u.searchParams.get('page') === '3');
    expect(await listedTitles(ann)).toEqual(['Checkout errors']);
    expect(await pages.getByRole('link', { name: 'Next page →' }).count()).toBe(0);
    await pages.getByRole('link', { name: '← Previous page' }).click();
    await ann.waitForURL((u) => u.searchParams.get('page') === '2');
    expect(await listedTitles(ann)).toEqual(['Search slow']);
  });

  it('opens an incident from the list: key times, its chart, the timeline and transcript, a download', async () => {
    await ann.goto(url('/incidents'));
    await ann.getByRole('link', { name: 'Checkout errors' }).click();
    await ann.waitForURL((u) => u.pathname === `/incidents/${library.checkout}`);
    expect(await ann.getByRole('heading', { level: 1 }).innerText()).toBe(
      `#${library.checkout} Checkout errors`,
    );

    const times = ann.getByRole('table', { name: 'Key times and where each came from' });
    const row = (name: string): Locator => times.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await row('Impact start').innerText()).toContain('2026-11-23 09:55:00 UTC');
    expect(await row('Declared').innerText()).toContain('2026-11-23 10:00:00 UTC');
    expect(await row('Mitigated').innerText()).toContain('2026-11-23 10:20:00 UTC');
    expect(await row('Resolved').innerText()).toContain('2026-11-23 10:30:00 UTC');

    const chart = ann.getByRole('img', { name: 'Chart of the incident: Checkout errors' });
    expect(await chart.count()).toBe(1);
    expect(await chart.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await chart.locator('rect.bar').count()).toBe(1);
    for (const kind of ['impact', 'detected', 'declared', 'mitigated', 'resolved']) {
      expect(await chart.locator(`g.marker-${kind}`).count(), kind).toBe(1);
    }
    // Drawn, not just present: the bar has a size on screen.
    const bar = await chart.locator('rect.bar').boundingBox();
    expect(bar?.width ?? 0).toBeGreaterThan(10);
    expect(
      await ann
        .getByRole('table', { name: "The chart's data: alert episodes and marked moments" })
        .innerText(),
    ).toContain('CheckoutErrors');

    const timeline = ann.locator('section#timeline');
    expect(await timeline.innerText()).toContain('rolling back the 14:02 deploy');
    expect(await ann.locator('section#actions').innerText()).toContain('Add a canary stage');

    const download = ann.waitForEvent('download');
    await ann.getByRole('link', { name: 'Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`incident-${library.checkout}-postmortem.md`);
    expect(readFileSync(await file.path(), 'utf8')).toContain('Checkout errors');

    await timeline.getByRole('link', { name: /The full transcript/ }).click();
    await ann.waitForURL((u) => u.pathname === `/incidents/${library.checkout}/transcript`);
    expect(await mainText(ann)).toContain('rolling back the 14:02 deploy');
  });

  it('shows the private incident to its member and nowhere to anyone else', async () => {
    const secretPage = `/incidents/${library.secret}`;
    // Ann is in the private channel: she sees it, so the pages below would show it if they leaked.
    await ann.goto(url('/incidents?q=quokka'));
    expect(await listedTitles(ann)).toEqual(['Payroll leak']);
    expect((await ann.goto(url(secretPage)))?.status()).toBe(200);
    await ann.goto(url('/actions'));
    expect(await mainText(ann)).toContain('Rotate the wombat keys');

    await bob.goto(url('/incidents'));
    expect(await listedTitles(bob)).toEqual(['Search slow', 'Checkout errors']);
    const form = bob.getByRole('search', { name: 'Filter incidents' });
    await form.getByRole('searchbox').fill('quokka');
    await form.getByRole('button', { name: 'Show incidents' }).click();
    await bob.waitForURL((u) => u.searchParams.get('q') === 'quokka');
    expect(await listedTitles(bob)).toEqual([]);
    expect(await bob.getByRole('heading', { name: 'No incidents' }).count()).toBe(1);

    const hidden = await bob.goto(url(secretPage));
    const missing = await bob.goto(url('/incidents/999999'));
    expect(hidden?.status()).toBe(404);
    expect(missing?.status()).toBe(404);

    for (const path of ['/incidents', '/insights?window=90d', '/actions']) {
      await bob.goto(url(path));
      const text = await mainText(bob);
      for (const word of SECRET_WORDS) expect(text, `${path}: ${word}`).not.toContain(word);
    }

    // The API with the browser's own cookie. A script on the page may not ask it (the site's CSP
    // allows no connections), so the request goes through the context that holds the cookie.
    const list = await bob.request.get(url('/api/v1/incidents'));
    const one = await bob.request.get(url(`/api/v1/incidents/${library.secret}`));
    const stats = await bob.request.get(url('/api/v1/stats'));
    const api = {
      list: list.status(),
      ids: ((await list.json()) as { incidents: Array<{ id: number }> }).incidents.map((i) => i.id),
      one: one.status(),
      stats: await stats.text(),
    };
    expect(stats.status()).toBe(200);
    // …and a page's own fetch is refused by the CSP, whatever the cookie.
    const fetched = await bob.evaluate(() =>
      fetch('/api/v1/incidents').then(
        () => 'answered',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    expect(api.list).toBe(200);
    expect(api.ids).toEqual([library.search, library.checkout]);
    expect(api.one).toBe(404);
    for (const word of SECRET_WORDS) expect(api.stats).not.toContain(word);
  });
});
