import type { HistoryDay, ServiceHistory } from '../../domain/service-history.ts';
import { SEVERITIES } from '../../domain/types.ts';
import { attr, esc, tableBox } from './html.ts';

// The 90-day history per service on /reports: a bar per day for the eye (every bar also labelled
// in words, the bars of incident days links to their report), a legend, and the same days in a
// table for screen readers and anyone who does not read colours.

const NO_SERVICE = 'No service named';

/** The history section: nothing when no published report names a time in the window. */
export function historySection(histories: readonly ServiceHistory[], dayCount: number): string {
  const intro = `<p>One bar per day, oldest on the left, today on the right: green when no published incident touched the service that day, else the colour of the worst severity that day. A bar with an incident links to its report.</p>`;
  if (histories.length === 0) {
    return `<section aria-labelledby="history"><h2 id="history">The last ${dayCount} days, by service</h2><p>No published report names a service yet.</p></section>`;
  }
  return `<section aria-labelledby="history">
<h2 id="history">The last ${dayCount} days, by service</h2>
${intro}
${legend()}
${histories.map((h, i) => serviceRow(h, i)).join('\n')}
${historyTable(histories, dayCount)}
</section>`;
}

function legend(): string {
  const items = [
    `<li><span class="swatch day-none" aria-hidden="true"></span>No incident</li>`,
    ...SEVERITIES.map(
      (s) =>
        `<li><span class="swatch day-${attr(s)}" aria-hidden="true"></span>${esc(s.toUpperCase())} (worst that day)</li>`,
    ),
  ];
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}

function serviceName(history: ServiceHistory): string {
  return history.service ?? NO_SERVICE;
}

function serviceRow(history: ServiceHistory, index: number): string {
  const id = `service-${index}`;
  const name = serviceName(history);
  const bad = history.days.filter((d) => d.worst !== null).length;
  const first = history.days[0]?.day ?? '';
  const last = history.days.at(-1)?.day ?? '';
  const status =
    bad === 0
      ? `No incidents in the last ${history.days.length} days`
      : `${bad} ${bad === 1 ? 'day' : 'days'} with an incident in the last ${history.days.length} days`;
  return `<div class="service-history">
<h3 id="${id}">${esc(name)}</h3>
<p class="muted">${status}.</p>
<ol class="history" aria-labelledby="${id}">${history.days.map(bar).join('')}</ol>
<p class="history-axis muted" aria-hidden="true"><span>${esc(first)}</span><span>Today, ${esc(last)}</span></p>
</div>`;
}

/** "2026-11-03: sev2, Checkout errors", or "2026-11-03: no incident". */
export function dayLabel(day: HistoryDay): string {
  const [worst, ...others] = day.incidents;
  if (worst === undefined) return `${day.day}: no incident`;
  const more = others.length === 0 ? '' : `, and ${others.length} more`;
  return `${day.day}: ${worst.severity}, ${worst.title}${more}`;
}

function bar(day: HistoryDay): string {
  const label = esc(dayLabel(day));
  const worst = day.incidents[0];
  if (worst === undefined) {
    return `<li class="day-none" title="${label}"><span class="visually-hidden">${label}</span></li>`;
  }
  return `<li class="day-${attr(worst.severity)}"><a href="/reports/${attr(worst.id)}" title="${label}"><span class="visually-hidden">${label}</span></a></li>`;
}

function historyTable(histories: readonly ServiceHistory[], dayCount: number): string {
  const rows = histories.flatMap((h) =>
    h.days
      .filter((d) => d.worst !== null)
      .map(
        (d) =>
          `<tr><th scope="row">${esc(serviceName(h))}</th><td><time datetime="${attr(d.day)}">${esc(d.day)}</time></td><td><span class="sev sev-${attr(d.worst ?? '')}">${esc((d.worst ?? '').toUpperCase())}</span></td><td>${d.incidents
            .map((i) => `<a href="/reports/${attr(i.id)}">${esc(i.title)}</a>`)
            .join('<br>')}</td></tr>`,
      ),
  );
  if (rows.length === 0) {
    return `<p>No published incident in the last ${dayCount} days.</p>`;
  }
  return `${tableBox('Days with a published incident')}<table>
<caption>Days with a published incident in the last ${dayCount} days, by service, oldest first</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Day</th><th scope="col">Worst severity</th><th scope="col">Reports</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
