/**
 * The page's only stylesheet, inline because the Content-Security-Policy allows nothing else.
 * System fonts only: a published report must not fetch anything, fonts included.
 */
export const HTML_STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --accent: #0969da; --warn-bg: #fff8c5; --warn-line: #d4a72c; --key: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --accent: #4493f8; --warn-bg: #2e2a14; --warn-line: #9e6a03; --key: #f85149;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-text-size-adjust: 100%;
}
main { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; color: var(--muted); }
p, ul, ol, dl, table { margin: 0 0 1rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
time, .num { font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.summary-box {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 1.25rem 1.25rem 0.5rem; margin: 1rem 0 2rem;
}
.badges { margin: 0 0 1rem; }
.badge {
  display: inline-block; padding: 0.1rem 0.6rem; margin-right: 0.4rem; border-radius: 999px;
  border: 1px solid var(--line); font-size: 0.85rem; font-weight: 600; text-transform: uppercase;
}
.badge.sev1, .badge.sev2 { border-color: var(--key); color: var(--key); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: var(--panel); }
td { overflow-wrap: anywhere; }
.warning {
  background: var(--warn-bg); border-left: 4px solid var(--warn-line);
  padding: 0.75rem 1rem; margin: 0 0 1rem; border-radius: 4px;
}
.warning ul { margin: 0.25rem 0 0; }
ol.timeline, ol.replies { list-style: none; padding: 0; }
ol.timeline > li { padding: 0.3rem 0 0.3rem 0.75rem; border-left: 3px solid var(--line); margin-bottom: 0.2rem; }
ol.timeline > li.key { border-left-color: var(--key); }
ol.replies { margin: 0.25rem 0 0 1.25rem; }
ol.replies > li { padding: 0.15rem 0; font-size: 0.95rem; }
.entry-time { color: var(--muted); margin-right: 0.4rem; white-space: nowrap; }
.entry-text { overflow-wrap: anywhere; }
.tag { color: var(--muted); font-style: italic; font-size: 0.9rem; }
.transcript { font-size: 0.92rem; }
.transcript td:nth-child(3) { white-space: pre-wrap; }
.transcript .reply td:nth-child(3) { padding-left: 1.75rem; }
.transcript tr.day th { background: none; color: var(--muted); padding-top: 1rem; }
.transcript .deleted { color: var(--muted); font-style: italic; }
blockquote { margin: 0 0 0.5rem; padding: 0 0 0 0.9rem; border-left: 3px solid var(--line); color: var(--muted); }
footer { margin-top: 3rem; font-size: 0.9rem; color: var(--muted); }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
}
`.trim();
