import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../helpers/site.ts';
import {
  ANN,
  CHANNELS,
  fitsWidth,
  type Library,
  launchChromium,
  newContext,
  type PageDocument,
  type PageElement,
  PHONE,
  SECRET_WORDS,
  seriousViolations,
  startLibrary,
} from './support.ts';

declare const document: PageDocument;
declare function getComputedStyle(element: PageElement): { overflowX: string };

// The pages anyone may reach and how every page serves people: the public reports in a browser
// with no session; axe-core's serious and critical findings on each page, on a desktop and on a
// phone; the keyboard path from the top of a page; and no sideways scrolling on a phone.

// One tab each for a signed-in desktop, a signed-in phone and a stranger, every test navigating
// its tab first: a new tab starts a renderer, and a page's checks share one load of it.
let library: Library;
let browser: Browser;
let desktop: Page;
let phone: Page;
let stranger: Page;

const url = (path: string) => `${library.h.baseUrl}${path}`;

async function withAnn(context: BrowserContext): Promise<BrowserContext> {
  const [name = '', value = ''] = sessionCookie(
    { userId: ANN.id, name: ANN.realName },
    library.h.clock.now(),
  ).split('=', 2);
  await context.addCookies([{ name, value, url: library.h.baseUrl }]);
  return context;
}

/** Opens `path` in `page`; it must answer 200 (a sign-in redirect would not). */
async function open(page: Page, path: string): Promise<Page> {
  const response = await page.goto(url(path));
  expect(response?.status(), path).toBe(200);
  expect(new URL(page.url()).pathname, path).toBe(path.split('?')[0]);
  return page;
}

beforeAll(async () => {
  library = await startLibrary();
  browser = await launchChromium();
  desktop = await (await withAnn(await newContext(browser))).newPage();
  phone = await (
    await withAnn(await newContext(browser, { viewport: PHONE, isMobile: true }))
  ).newPage();
  stranger = await (await newContext(browser)).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await library?.h.close();
});

describe('the public reports, with no session', () => {
  it('list only the published report and show it without names', async () => {
    const page = await open(stranger, '/reports');
    const reports = page.getByRole('table', { name: /^Published incident reports/ });
    expect(await reports.locator('tbody th[scope="row"]').allTextContents()).toEqual([
      'Checkout errors',
    ]);
    const text = await page.getByRole('main').innerText();
    for (const word of [...SECRET_WORDS, 'Search slow']) expect(text).not.toContain(word);

    await reports.getByRole('link', { name: 'Checkout errors' }).click();
    await page.waitForURL((u) => u.pathname === `/reports/${library.checkout}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Incident report: Checkout errors',
    );
    const report = await page.locator('body').innerText();
    expect(report).toContain('CheckoutErrors');
    for (const name of [/\bAnn\b/i, /\bBob\b/i, /Example/, /UANN|UBOB/, /T0TEST/]) {
      expect(report).not.toMatch(name);
    }
    for (const channel of Object.values(CHANNELS)) {
      expect(report).not.toContain(channel.id);
      expect(report).not.toContain(channel.name);
    }
    expect(report).not.toContain('rolling back');

    // A draft, a published report from a private channel, and no incident at all: the same 404.
    for (const id of [library.search, library.secret, 999_999]) {
      const answer = await page.goto(url(`/reports/${id}`));
      expect(answer?.status(), String(id)).toBe(404);
      const body = await page.locator('body').innerText();
      for (const word of [...SECRET_WORDS, 'Search slow']) expect(body).not.toContain(word);
    }
    // The team's pages send a stranger to sign in.
    await page.goto(url('/incidents'));
    expect(new URL(page.url()).pathname).toBe('/auth/sign-in');
  });
});

/** Every page a person can reach, signed in; `:checkout` stands for the published incident's id. */
const PAGES = [
  '/incidents',
  '/incidents?q=rolling&severity=sev2',
  '/incidents/:checkout',
  '/incidents/:checkout/transcript',
  '/insights?window=90d',
  '/actions',
  '/reports',
  '/reports/:checkout',
];
const pathOf = (page: string) => page.replace(':checkout', String(library.checkout));

/** axe-core's serious and critical findings on the page as loaded: there must be none. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations, passed } = await seriousViolations(page);
  expect(passed, 'axe ran its rules').toBeGreaterThan(10);
  expect(violations).toEqual([]);
}

describe('accessibility on a desktop (axe-core: nothing serious or critical)', () => {
  it.each(PAGES)('%s', async (path) => {
    await expectNoSeriousViolations(await open(desktop, pathOf(path)));
  });
});

describe('accessibility of the sign-in page', () => {
  it('with no session', async () => {
    await expectNoSeriousViolations(await open(stranger, '/auth/sign-in'));
  });
});

/** Marks every form control of the page and returns how many there are. */
function markControls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll('main input:not([type=hidden]), main select, main button'),
    ];
    controls.forEach((control, i) => {
      control.setAttribute('data-control', String(i));
    });
    return controls.length;
  });
}

describe('the keyboard', () => {
  it('reaches the skip link first, and it moves focus to the main content', async () => {
    const page = await open(desktop, '/incidents');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(first).toEqual({ text: 'Skip to content', href: '#main' });
    // Shown while focused: a person using the keyboard sees where they are.
    const box = await page.getByRole('link', { name: 'Skip to content' }).boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab goes on from the main content, past the header's links.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it.each(['/incidents', '/insights?window=90d', '/actions'])(
    'reaches every form control on %s with Tab alone',
    async (path) => {
      const page = await open(desktop, path);
      const total = await markControls(page);
      expect(total).toBeGreaterThan(1);
      const reached = new Set<string>();
      // A date field takes a Tab per part (day, month, year): a generous cap, never a timer.
      const presses = await page.evaluate(
        () => document.querySelectorAll('a[href], input, select, button').length * 4 + 20,
      );
      for (let i = 0; i < presses && reached.size < total; i++) {
        await page.keyboard.press('Tab');
        const mark = await page.evaluate(
          () => document.activeElement?.getAttribute('data-control') ?? null,
        );
        if (mark !== null) reached.add(mark);
      }
      const missed = await page.evaluate(
        (seen) =>
          [...document.querySelectorAll('[data-control]')]
            .filter((c) => !seen.includes(c.getAttribute('data-control') ?? ''))
            .map((c) => c.outerHTML.slice(0, 120)),
        [...reached],
      );
      expect(missed).toEqual([]);
    },
  );
});

// Every page's width is checked on the phone; axe-core (seconds a page) runs on the three whose
// layout changes most; the incident list's table, wider than the phone, shows how a wide table
// scrolls. Each page is loaded once for all of its checks.
const PHONE_AXE = ['/incidents', '/incidents/:checkout', '/reports'];
const WIDE_TABLE: Record<string, string> = { '/incidents': 'Incidents' };

const PHONE_CHECKS = PAGES.map((path) => [
  path,
  [
    'no sideways scrolling',
    ...(path in WIDE_TABLE ? ['the wide table scrolls in its own focusable box'] : []),
    ...(PHONE_AXE.includes(path) ? ['axe-core: nothing serious or critical'] : []),
  ].join('; '),
]);

describe('on a phone (375 × 740)', () => {
  it.each(PHONE_CHECKS)('%s: %s', async (path) => {
    const page = await open(phone, pathOf(path));
    const { scrollWidth, innerWidth } = await fitsWidth(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

    const table = WIDE_TABLE[path];
    if (table !== undefined) {
      // A wide table scrolls inside its own box, which the keyboard can reach.
      const box = page.getByRole('region', { name: table });
      expect(
        await box.evaluate((element) => ({
          overflow: getComputedStyle(element).overflowX,
          wider: element.scrollWidth > element.clientWidth,
          tabIndex: element.getAttribute('tabindex'),
        })),
      ).toEqual({ overflow: 'auto', wider: true, tabIndex: '0' });
    }
    if (PHONE_AXE.includes(path)) await expectNoSeriousViolations(page);
  });
});
