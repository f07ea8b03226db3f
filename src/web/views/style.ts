// The site's one stylesheet, served at /assets/site.css (no build step, nothing from elsewhere).
// Colours meet WCAG AA contrast on their backgrounds; the layout narrows to one column on phones.
export const SITE_CSS = `
:root { --ink: #1d1f24; --muted: #4d5360; --line: #d5d8de; --bg: #ffffff; --panel: #f5f6f8;
  --link: #0b57b5; --focus: #b35c00; --sev1: #a8071a; --sev2: #b54708; --sev3: #7a5b00; --sev4: #3b5b8c;
  --ok: #1e6b3a; }
* { box-sizing: border-box; }
html { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible,
.table-wrap:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 10; }
header.site { background: #14213d; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
header.site a { color: #fff; }
header.site .brand { font-weight: 700; text-decoration: none; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
header.site nav a[aria-current="page"] { text-decoration-thickness: 3px; }
header.site .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
header.site form { margin: 0; }
header.site button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .2rem .6rem; font: inherit; cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer.site { max-width: 72rem; margin: 2rem auto; padding: 1rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .875rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 700; white-space: nowrap; }
.sev-sev1 { color: var(--sev1); } .sev-sev2 { color: var(--sev2); } .sev-sev3 { color: var(--sev3); } .sev-sev4 { color: var(--sev4); }
.badge { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; font-size: .8125rem; background: var(--panel); }
form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; background: var(--panel); padding: 1rem; border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .875rem; gap: .2rem; }
form.filters .actions { display: flex; gap: .75rem; align-items: end; }
form.filters fieldset { border: 0; margin: 0; padding: 0; font-size: .875rem; }
form.filters fieldset legend { padding: 0; margin-bottom: .2rem; }
form.filters fieldset label { flex-direction: row; align-items: center; gap: .4rem; }
.overdue { color: var(--sev1); font-weight: 700; }
input, select, button { font: inherit; }
input, select { padding: .35rem; border: 1px solid #767b86; border-radius: 4px; background: #fff; color: var(--ink); }
button.primary { background: var(--link); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; cursor: pointer; }
a.button.primary { display: inline-block; background: var(--link); color: #fff; border-radius: 4px; padding: .45rem 1rem; text-decoration: none; font-weight: 600; }
.error { border-left: 4px solid var(--sev1); background: #fdecee; padding: .5rem 1rem; }
.notice { border-left: 4px solid var(--link); background: #eaf1fb; padding: .5rem 1rem; }
nav.pages { display: flex; gap: 1rem; margin: 1rem 0; align-items: center; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart figcaption { color: var(--muted); font-size: .875rem; }
details > summary { cursor: pointer; }
article.postmortem { border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 1rem; }
ul.plain { list-style: none; padding: 0; }
ol.history { display: flex; gap: 1px; align-items: stretch; height: 2rem; list-style: none; margin: .25rem 0 0; padding: 0; }
ol.history li { flex: 1; min-width: 2px; border-radius: 1px; }
ol.history a { display: block; height: 100%; }
.history-axis { display: flex; justify-content: space-between; font-size: .8125rem; margin: .25rem 0 1rem; }
ul.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; }
ul.legend .swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -.1rem; border-radius: 2px; }
nav.categories ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; }
nav.categories a[aria-current="page"] { font-weight: 700; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.day-none { background: #2f8f4e; } .day-sev1 { background: var(--sev1); } .day-sev2 { background: var(--sev2); }
.day-sev3 { background: #b08900; } .day-sev4 { background: var(--sev4); }
ol.timeline, ol.replies { list-style: none; padding: 0; }
ol.timeline > li { padding: .3rem 0 .3rem .75rem; border-left: 3px solid var(--line); margin-bottom: .2rem; }
ol.timeline > li.key { border-left-color: var(--link); }
ol.replies { margin: .25rem 0 0 1.25rem; }
.entry-time { color: var(--muted); margin-right: .4rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.tag, .deleted { color: var(--muted); font-style: italic; }
table.transcript tr.reply td:last-child { padding-left: 1.5rem; }
@media (max-width: 40rem) {
  main { padding: .5rem; }
  header.site .who { margin-left: 0; }
  dl.facts { grid-template-columns: 1fr; }
}
`;
