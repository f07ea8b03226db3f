import type { Viewer } from '../viewer.ts';
import { attr, esc } from './html.ts';

export type Section = 'incidents' | 'insights' | 'actions' | 'reports' | 'none';

export interface PageFrame {
  /** The page's own title; " · incident-scribe" is added. */
  title: string;
  /** Which navigation entry is the current page. */
  section: Section;
  /** Null on the public reports: no team navigation, no sign-out. */
  viewer: Viewer | null;
  /** Already-escaped HTML of the main landmark's content. */
  body: string;
  /** Extra `<head>` lines we write ourselves (an Atom feed link). */
  head?: string;
}

const TEAM_NAV: ReadonlyArray<[Section, string, string]> = [
  ['incidents', '/incidents', 'Incidents'],
  ['insights', '/insights', 'Insights'],
  ['actions', '/actions', 'Follow-ups'],
];

/** The one page frame: a skip link, banner, navigation, main and footer landmarks. */
export function page(frame: PageFrame): string {
  const nav = frame.viewer
    ? `<nav aria-label="Site"><ul>${TEAM_NAV.map(
        ([section, href, label]) =>
          `<li><a href="${href}"${section === frame.section ? ' aria-current="page"' : ''}>${label}</a></li>`,
      ).join('')}</ul></nav>`
    : '';
  const who = frame.viewer
    ? `<div class="who"><span>Signed in as ${esc(frame.viewer.name)}</span>${
        frame.viewer.userId === null
          ? ''
          : `<form method="post" action="/auth/sign-out"><input type="hidden" name="csrf" value="${attr(frame.viewer.csrfToken)}"><button type="submit">Sign out</button></form>`
      }</div>`
    : '';
  const home = frame.viewer ? '/incidents' : '/reports';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(frame.title)} · incident-scribe</title>
<link rel="stylesheet" href="/assets/site.css">
${frame.head ?? ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a class="brand" href="${home}">incident-scribe</a>${nav}${who}</header>
<main id="main" tabindex="-1">
${frame.body}
</main>
<footer class="site">Times in the bot's zone unless marked otherwise. Made by incident-scribe.</footer>
</body>
</html>
`;
}
