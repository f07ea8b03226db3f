import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/types.ts';
import { parseIncidentFilter } from '../../src/web/incident-filter.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import type { FilterFacets } from '../../src/web/views/filter-form.ts';
import { duration, postmortemLabel, time } from '../../src/web/views/format.ts';
import {
  type IncidentListModel,
  type ListRow,
  renderIncidentList,
} from '../../src/web/views/incident-list.ts';

const viewer: Viewer = {
  userId: 'UVIEW',
  name: 'Vera',
  privateChannels: new Set(),
  csrfToken: 'csrf',
};
const facets: FilterFacets = {
  services: ['api', 'checkout'],
  categories: ['deploy'],
  tags: ['flaky', 'region:eu'],
  leads: [{ id: 'ULEAD', name: 'Lena <Lead>' }],
};
const DECLARED = Date.UTC(2026, 2, 1, 14, 5, 9);

function incident(id: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    channelId: `C${id}`,
    channelName: null,
    title: `Incident ${id}`,
    severity: 'sev2',
    status: 'declared',
    reporterId: 'UREP',
    leadId: null,
    declaredAt: DECLARED,
    mitigatedAt: null,
    resolvedAt: null,
    ...overrides,
  };
}

function row(id: number, overrides: Partial<Incident> = {}, services: string[] = []): ListRow {
  return {
    incident: incident(id, overrides),
    stats: {
      services,
      category: null,
      ttdMs: 5 * 60_000,
      ttmMs: null,
      postmortemState: 'draft',
    },
    leadName: null,
  };
}

function render(query: string, rows: ListRow[], total = rows.length, pages = 1): string {
  const params = new URLSearchParams(query);
  const parsed = parseIncidentFilter(params, { timeZone: 'UTC' });
  const result: IncidentListModel['result'] = parsed.ok
    ? {
        filter: parsed.filter,
        list: { rows, total, page: parsed.filter.page, pages, perPage: parsed.filter.perPage },
      }
    : { errors: parsed.errors };
  return renderIncidentList({ viewer, timeZone: 'UTC', params, facets, result });
}

describe('renderIncidentList', () => {
  it('shows each incident in a row: severity, status, title link, services, lead, times', () => {
    const html = render('', [
      {
        ...row(7, { severity: 'sev1', status: 'mitigated', leadId: 'ULEAD' }, ['api', 'db']),
        stats: {
          services: ['api', 'db'],
          category: 'deploy',
          ttdMs: 65 * 60_000,
          ttmMs: 30_000,
          postmortemState: 'in_review',
        },
        leadName: 'Lena',
      },
    ]);
    expect(html).toContain('<span class="sev sev-sev1">SEV1</span>');
    expect(html).toContain('<td>Mitigated</td>');
    expect(html).toContain('<a href="/incidents/7">Incident 7</a>');
    expect(html).toContain(
      '<a href="/incidents?service=api">api</a>, <a href="/incidents?service=db">db</a>',
    );
    expect(html).toContain('<td>deploy</td><td>Lena</td>');
    expect(html).toContain(time(DECLARED, 'UTC'));
    expect(html).toContain('2026-03-01 14:05:09 UTC');
    expect(html).toContain('<td class="num">1h 5m</td><td class="num">30s</td><td>In review</td>');
    expect(html).toContain('1 incident, newest first');
    expect(html).toContain('<th scope="col">Severity</th>');
    expect(html).toContain('<caption>');
    // A box that scrolls sideways on a phone takes keyboard focus, named like its table.
    expect(html).toContain(
      '<div class="table-wrap" role="region" aria-label="Incidents" tabindex="0"><table>',
    );
  });

  it('escapes what people wrote: titles, lead names, searched words, facet values', () => {
    const html = render('q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lead=ULEAD', [
      { ...row(1, { title: '<script>alert("t")</script>' }), leadName: '<img src=x>' },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(html).toContain('Lena &lt;Lead&gt;');
  });

  it('keeps every filter in the paging links and in the form', () => {
    const html = render(
      'severity=sev1&severity=sev2&service=api&q=disk+full&per=2&page=2',
      [row(3), row(4)],
      6,
      3,
    );
    expect(html).toContain(
      '<a rel="prev" href="/incidents?severity=sev1&amp;severity=sev2&amp;service=api&amp;q=disk+full&amp;per=2">',
    );
    expect(html).toContain(
      '<a rel="next" href="/incidents?severity=sev1&amp;severity=sev2&amp;service=api&amp;q=disk+full&amp;page=3&amp;per=2">',
    );
    expect(html).toContain('Page 2 of 3');
    expect(html).toContain('3–4 of 6 incidents, newest first');
    expect(html).toContain('<input type="checkbox" name="severity" value="sev1" checked>');
    expect(html).toContain('<input type="checkbox" name="severity" value="sev3">');
    expect(html).toContain('<option value="api" selected>api</option>');
    expect(html).toContain('<input type="search" name="q" value="disk full">');
    expect(html).toContain('<option value="2" selected>2</option>');
  });

  it('labels every form control', () => {
    const page = render('', [row(1)]);
    const html = page.slice(
      page.indexOf('<form class="filters"'),
      page.indexOf('</form>', page.indexOf('<form class="filters"')),
    );
    const controls = html.match(/<(input|select)\b/g) ?? [];
    const labelled = html.match(/<label>[^<]*(<input|<select)|<label><input/g) ?? [];
    expect(controls.length).toBeGreaterThan(10);
    expect(labelled.length).toBe(controls.length);
    expect(html).toContain('<legend>Severity</legend>');
  });

  it('says when nothing matches, and when there are no incidents at all', () => {
    expect(render('severity=sev4', [], 0)).toContain('No incident matches these filters');
    expect(render('', [], 0)).toContain('No incidents yet');
    expect(render('page=9', [], 3, 1)).toContain('There is no page 9');
  });

  it('shows the errors of a filter that cannot be read above the form, and no table', () => {
    const html = render('severity=sev9&from=%3Cb%3E', []);
    expect(html).toContain('role="alert"');
    expect(html).toContain('severity: &quot;sev9&quot; is not a severity');
    expect(html).toContain('from: &quot;&lt;b&gt;&quot; is not a day');
    expect(html.indexOf('role="alert"')).toBeLessThan(html.indexOf('<form class="filters"'));
    expect(html).not.toContain('<table');
    // The typed value stays in the form to be corrected.
    expect(html).toContain('<input type="date" name="from" value="&lt;b&gt;">');
    const tag = render('tag=%22%3E%3Cb%3E', []);
    expect(tag).toContain('value="&quot;&gt;&lt;b&gt;"');
    expect(tag).not.toContain('"><b>');
  });
});

describe('format', () => {
  it('writes durations as the post-mortem does, and a dash without one', () => {
    expect(duration(65 * 60_000)).toBe('1h 5m');
    expect(duration(null)).toBe('—');
    expect(postmortemLabel('in_review')).toBe('In review');
  });
});
