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

let library: Library;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext;

const url = (path: string) => `${library.h.baseUrl}${path}`;

async function withAnn(context: BrowserContext): Promise<BrowserContext> {
  const [name = '', value = ''] = sessionCookie(
    { userId: ANN.id, name: ANN.realName },
    library.h.clock.now(),
  ).split('=', 2);
  await context.addCookies([{ name, value, url: library.h.baseUrl }]);
  return context;
}

/** Opens `path` in a new tab of `context`; it must answer 200 (a sign-in redirect would not). */
async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(url(path));
  expect(response?.status(), path).toBe(200);
  expect(new URL(page.url()).pathname, path).toBe(path.split('?')[0]);
  return page;
}

beforeAll(async () => {
  library = await startLibrary();
  browser = await launchChromium();
  desktop = await withAnn(await newContext(browser));
  phone = await withAnn(await newContext(browser, { viewport: PHONE, isMobile: true }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await library?.h.close();
});

describe('the public reports, with no session', () => {
  it('list only the published report and show it without names', async () => {
    const context = await newContext(browser);
    try {
      const page = await open(context, '/reports');
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
    } finally {
      await context.close();
    }
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

// On a phone, the pages whose layout changes most (axe takes seconds a page; every page's width is
// checked on the phone below).
const PHONE_AXE = ['/incidents', '/incidents/:checkout', '/reports'];

describe.each([
  ['desktop', () => desktop, PAGES],
  ['phone', () => phone, PHONE_AXE],
] as const)(
  'accessibility on a %s (axe-core: nothing serious or critical)',
  (_, context, pages) => {
    it.each(pages)('%s', async (path) => {
      const page = await open(context(), pathOf(path));
      try {
        const { violations, passed } = await seriousViolations(page);
        expect(passed, 'axe ran its rules').toBeGreaterThan(10);
        expect(violations).toEqual([]);
      } finally {
        await page.close();
      }
    });
  },
);

describe('accessibility of the sign-in page', () => {
  it('with no session', async () => {
    const context = await newContext(browser);
    try {
      const page = await open(context, '/auth/sign-in');
      const { violations, passed } = await seriousViolations(page);
      expect(passed).toBeGreaterThan(10);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
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
    try {
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
      expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(
        true,
      );
    } finally {
      await page.close();
    }
  });

  it.each(['/incidents', '/insights?window=90d', '/actions'])(
    'reaches every form control on %s with Tab alone',
    async (path) => {
      const page = await open(desktop, path);
      try {
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
      } finally {
        await page.close();
      }
    },
  );
});

describe('on a phone (375 × 740): the page never scrolls sideways', () => {
  it.each(PAGES)('%s', async (path) => {
    const page = await open(phone, pathOf(path));
    try {
      const { scrollWidth, innerWidth } = await fitsWidth(page);
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    } finally {
      await page.close();
    }
  });

  it('a wide table scrolls inside its own box, which the keyboard can reach', async () => {
    const page = await open(phone, '/incidents');
    try {
      const box = page.getByRole('region', { name: 'Incidents' });
      expect(
        await box.evaluate((element) => ({
          overflow: getComputedStyle(element).overflowX,
          wider: element.scrollWidth > element.clientWidth,
          tabIndex: element.getAttribute('tabindex'),
        })),
      ).toEqual({ overflow: 'auto', wider: true, tabIndex: '0' });
    } finally {
      await page.close();
    }
  });
});
