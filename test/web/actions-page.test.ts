import { describe, expect, it } from 'vitest';
import type { ActionItem, Incident } from '../../src/domain/types.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import {
  type ActionRow,
  matchesAction,
  orderActions,
  parseActionFilter,
  renderActionsPage,
} from '../../src/web/views/actions-page.ts';

const viewer: Viewer = {
  userId: 'UVIEW',
  name: 'Vera',
  privateChannels: new Set(),
  csrfToken: 'c',
};
const NOW = Date.UTC(2026, 2, 10, 12);
const TODAY = '2026-03-10';

const incident: Incident = {
  id: 4,
  channelId: 'C4',
  channelName: null,
  title: 'Checkout <down>',
  severity: 'sev1',
  status: 'resolved',
  reporterId: 'UREP',
  leadId: null,
  declaredAt: NOW - 86_400_000,
  mitigatedAt: null,
  resolvedAt: null,
};

function row(id: number, action: Partial<ActionItem> = {}, purpose: ActionRow['purpose'] = null) {
  const item: ActionItem = {
    id,
    incidentId: incident.id,
    text: `Action ${id}`,
    ownerId: 'UOWN',
    dueDate: null,
    createdBy: 'UREP',
    createdAt: NOW,
    status: 'open',
    kind: 'follow_up',
    priority: null,
    closedAt: null,
    closedBy: null,
    dropReason: null,
    sourceTs: null,
    ...action,
  };
  return { action: item, incident, purpose, ownerName: item.ownerId === null ? null : 'Olga' };
}

function parsed(query: string) {
  const result = parseActionFilter(new URLSearchParams(query));
  if (!result.ok) throw new Error(result.errors.join(' | '));
  return result.filter;
}

function render(query: string, rows: ActionRow[]): string {
  const params = new URLSearchParams(query);
  const filter = parseActionFilter(params);
  return renderActionsPage({
    viewer,
    timeZone: 'UTC',
    now: NOW,
    params,
    owners: [{ id: 'UOWN', name: 'Olga' }],
    result: filter.ok
      ? {
          rows: orderActions(
            rows.filter((r) => matchesAction(r, filter.filter)),
            TODAY,
          ),
          filtered: query !== '' && !query.startsWith('page='),
          page: Number(params.get('page') ?? '1'),
        }
      : { errors: filter.errors },
  });
}

describe('parseActionFilter', () => {
  it('reads owner, states, purpose and kind; empty values are any', () => {
    expect(parsed('')).toEqual({ owner: null, states: [], purpose: null, kind: null });
    expect(parsed('owner=UOWN&state=open&state=Done&purpose=prevent&kind=follow-up')).toEqual({
      owner: 'UOWN',
      states: ['open', 'done'],
      purpose: 'prevent',
      kind: 'follow_up',
    });
    expect(parsed('owner=&purpose=none&kind=task').purpose).toBe('none');
  });

  it('names the parameter of every bad value', () => {
    const result = parseActionFilter(
      new URLSearchParams('owner=olga&state=late&purpose=fix&kind=chore&kind=task'),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'owner: "olga" is not a Slack user id (like U024BE7LH).',
        'state: "late" is not one of open, done, dropped.',
        'purpose: "fix" is not one of detect, mitigate, prevent, none.',
        'kind: give it once (got 2 values).',
      ],
    });
  });
});

describe('orderActions and matchesAction', () => {
  it('puts overdue first, then by due date, undated last', () => {
    const rows = [
      row(1),
      row(2, { dueDate: '2026-03-20' }),
      row(3, { dueDate: '2026-03-01', status: 'done' }),
      row(4, { dueDate: '2026-03-09' }),
      row(5, { dueDate: '2026-03-02' }),
    ];
    expect(orderActions(rows, TODAY).map((r) => r.action.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('filters by owner, state, purpose (none: nobody said) and kind', () => {
    const a = row(1, { ownerId: 'UOTHER' }, 'detect');
    const b = row(2, { status: 'done', kind: 'task' });
    expect(matchesAction(a, parsed('owner=UOWN'))).toBe(false);
    expect(matchesAction(b, parsed('owner=UOWN&state=done&kind=task&purpose=none'))).toBe(true);
    expect(matchesAction(a, parsed('purpose=detect'))).toBe(true);
    expect(matchesAction(a, parsed('purpose=none'))).toBe(false);
    expect(matchesAction(b, parsed('state=open'))).toBe(false);
  });
});

describe('renderActionsPage', () => {
  it('shows owner, state, due date with overdue in words, purpose, text and incident link', () => {
    const html = render('', [
      row(7, { dueDate: '2026-03-07' }, 'prevent'),
      row(8, { ownerId: null, kind: 'task', text: '<script>x</script>' }),
    ]);
    expect(html).toContain('2 items, 1 overdue');
    expect(html).toContain(
      '<td>Olga</td><td>Open</td><td><time datetime="2026-03-07">2026-03-07</time> <span class="overdue">overdue by 3 days</span></td><td>Prevent</td>',
    );
    expect(html).toContain('<a href="/incidents/4">Checkout &lt;down&gt;</a>');
    expect(html).toContain('<td>Nobody yet</td>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; <span class="badge">Task</span>');
    expect(html).not.toContain('<script>');
    expect(html.indexOf('#7')).toBeLessThan(html.indexOf('#8'));
  });

  it('keeps the filters in the form and says when nothing matches', () => {
    const html = render('owner=UOWN&state=dropped&purpose=detect', [row(1)]);
    expect(html).toContain('<option value="UOWN" selected>Olga</option>');
    expect(html).toContain('<input type="checkbox" name="state" value="dropped" checked>');
    expect(html).toContain('<option value="detect" selected>Detect</option>');
    expect(html).toContain('No follow-up matches these filters');
    expect(render('', [])).toContain('No follow-ups yet');
  });

  it('shows the errors of a bad filter above the form, with no table', () => {
    const html = render('state=%3Cb%3E', [row(1)]);
    expect(html).toContain('role="alert"');
    expect(html).toContain('state: &quot;&lt;b&gt;&quot; is not one of open, done, dropped.');
    expect(html).not.toContain('<table');
  });
});

describe('paging /actions', () => {
  const many = Array.from({ length: 230 }, (_, i) => row(i + 1, { text: `Task number ${i + 1}` }));

  it('shows a hundred rows a page, counts every row, and links the neighbours keeping filters', () => {
    const first = render('', many);
    expect(first).toContain('230 items');
    expect((first.match(/Task number \d+/g) ?? []).length).toBe(100);
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('href="/actions?page=2" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const second = render('page=2', many);
    expect(second).toContain('Page 2 of 3');
    expect(second).toContain('href="/actions" rel="prev"');
    expect(second).toContain('href="/actions?page=3" rel="next"');
    const third = render('page=3', many);
    expect((third.match(/Task number \d+/g) ?? []).length).toBe(30);
  });

  it('says which pages exist when asked for one past the end', () => {
    const past = render('page=9', many);
    expect(past).toContain('There is no page 9: the follow-ups fill 3 pages.');
    expect(past).toContain('href="/actions"');
  });
});
