import { describe, expect, it } from 'vitest';
import { renderPostmortemHtml } from '../../../src/domain/postmortem/html.ts';
import { buildPostmortem, type PostmortemDraft } from '../../../src/domain/postmortem/model.ts';
import { anEvent, anIncident, at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

const privateHtml = (draft: PostmortemDraft) => renderPostmortemHtml(draft, { public: false });
const publicHtml = (draft: PostmortemDraft) => renderPostmortemHtml(draft, { public: true });

function checkout(overrides: Parameters<typeof checkoutIncident>[0] = {}): PostmortemDraft {
  return buildPostmortem(
    checkoutIncident({
      sections: [
        { kind: 'summary', text: 'Bob rolled back.', authorId: 'U0BOB', at: at(15, 3) },
        { kind: 'learning', text: 'Canary first.', authorId: 'U0BOB', at: at(15, 5) },
      ],
      ...overrides,
    }),
  );
}

/** The public page of the checkout incident (no sections written) with one more note, at 14:20. */
function publicHtmlWithNote(text: string): string {
  const input = checkoutIncident();
  const note = anEvent({ kind: 'note', at: at(14, 20), text });
  return publicHtml(buildPostmortem({ ...input, events: [...input.events, note] }));
}

describe('renderPostmortemHtml: public', () => {
  const withBlame = (): PostmortemDraft => ({
    ...checkout(),
    blameless: [
      { where: 'Summary', quote: 'Bob broke it', phrase: 'broke', suggestion: 'What changed?' },
    ],
  });

  it('shows names, the transcript and the blameless review only on the internal page', () => {
    const html = privateHtml(withBlame());
    for (const text of ['Alice', 'Bob', 'Carol', 'Appendix: transcript', 'Blameless review']) {
      expect(html).toContain(text);
    }
  });

  it('leaves out names, participants, responders, transcript and the blameless review', () => {
    const html = publicHtml(withBlame());
    for (const name of ['Alice', 'Bob', 'Carol']) expect(html).not.toContain(name);
    for (const gone of ['Participants', 'Reporter<', 'Response', 'Appendix', 'Blameless']) {
      expect(html).not.toContain(gone);
    }
    expect(html).toContain('<h1>Incident report: Checkout returns 500s</h1>');
  });

  it('uses roles instead of names', () => {
    const html = publicHtml(checkout());
    expect(html).toContain(
      '<strong>The reporter</strong>: <span class="entry-text">Incident declared',
    );
    expect(html).toContain(
      '<strong>The incident lead</strong>: <span class="entry-text">Rolling back',
    );
    expect(html).toContain('/incident mitigated by the incident lead');
    expect(html).toContain('An incident lead was named');
  });

  it('replaces names inside text, mentions included', () => {
    const html = publicHtmlWithNote('Carol found it; <@U0BOB> rolled back');
    expect(html).toContain('A responder found it; the incident lead rolled back');
  });

  it('drops every link but keeps its text', () => {
    const html = publicHtmlWithNote(
      'see <https://grafana.example/d/x|the dashboard> and https://wiki.example/run.',
    );
    expect(html).not.toMatch(/<a\s|href=/);
    expect(html).not.toContain('example');
    expect(html).toContain('see the dashboard and [link removed].');
  });

  it('keeps key events only: no chat from the channel', () => {
    const html = publicHtml(checkout());
    expect(html).not.toContain('should we roll back?');
    expect(html).not.toContain('Deploy Bot');
    expect(html).toContain('[FIRING:1] HighErrorRate (checkout prod)');
    expect(html).toContain('Mitigated: rollback complete');
  });

  it('leaves out Slack ids, including those of people without a profile', () => {
    const input = checkoutIncident();
    const html = publicHtml(
      buildPostmortem({
        ...input,
        incident: anIncident({ ...input.incident, reporterId: 'U0NOPROFILE1' }),
        events: [
          ...input.events.map((e) =>
            e.kind === 'declared' ? { ...e, actorId: 'U0NOPROFILE1' } : e,
          ),
          anEvent({ kind: 'note', at: at(14, 20), text: 'asked U02ABCDEF9 in C0123ABCD' }),
        ],
      }),
    );
    expect(html).not.toMatch(/U0NOPROFILE1|U02ABCDEF9|C0123ABCD|C0INC/);
    expect(html).toContain('asked a responder in a channel');
    expect(html).toContain('<strong>The reporter</strong>');
  });

  it('leaves out sections nobody wrote and action owners', () => {
    const html = publicHtml(checkout({ sections: [] }));
    expect(html).not.toMatch(/Not written yet|id="impact"|id="summary"|Owner/);
  });

  it('hides more names when told (knownNames): people who took no part, in the title too', () => {
    const input = checkoutIncident();
    const draft = buildPostmortem({
      ...input,
      incident: anIncident({ ...input.incident, title: 'Zed broke checkout' }),
    });
    expect(publicHtml(draft)).toContain('Zed broke checkout');
    const html = renderPostmortemHtml(draft, { public: true, knownNames: ['Zed', 'Alice'] });
    expect(html).not.toContain('Zed');
    expect(html).toContain('<title>Incident report: A responder broke checkout</title>');
    // A role the draft gives wins over the extra name's "a responder".
    expect(html).toContain('<strong>The reporter</strong>');
  });
});
