import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attachmentsToHtml,
  authorName,
  blocksToHtml,
  emojiFor,
  escapeHtml,
  formatTime,
  messageBodyToHtml,
  messageToHtml,
  mrkdwnToHtml,
  type RenderContext,
  type RenderMessage,
  safeColour,
  safeHref,
  textObjectToHtml,
  typedFrom,
} from '../../../src/sandbox/page/render.js';

const ctx: RenderContext = {
  users: [
    { id: 'U0ALICE', name: 'alice', realName: 'Alice Moreau' },
    { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor' },
    { id: 'UBOT', name: 'incident-scribe', isBot: true },
  ],
  channels: [
    { id: 'C0CHECKOUT', name: 'checkout' },
    { id: 'D0BOT', name: 'incident-scribe', isIm: true },
  ],
  viewer: 'U0ALICE',
  botUserId: 'UBOT',
  timeZone: 'Europe/Paris',
};

const TAGS = new Set([
  'a',
  'article',
  'blockquote',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'hr',
  'li',
  'ol',
  'option',
  'pre',
  'select',
  'span',
  'strong',
  'time',
  'ul',
]);
const ATTRIBUTE = /\s+([a-z-]+)(?:="([^"<>]*)")?/gy;

/**
 * Every `<` in the output must open a tag the renderer itself writes, with only known attributes:
 * anything a message smuggled in would show up here as an unknown tag, an event handler, or a
 * link to something other than http(s) or the sandbox's own files.
 */
function expectOnlyRendererMarkup(html: string): void {
  for (const match of html.matchAll(/<(\/?)([^\s/>]*)([^>]*)>|</g)) {
    const [whole, , name = '', rest = ''] = match;
    expect(whole, `stray "<" in ${html}`).not.toBe('<');
    expect(TAGS.has(name), `tag <${name}> in ${html}`).toBe(true);
    ATTRIBUTE.lastIndex = 0;
    let consumed = 0;
    for (let attr = ATTRIBUTE.exec(rest); attr !== null; attr = ATTRIBUTE.exec(rest)) {
      consumed = ATTRIBUTE.lastIndex;
      const [, attrName = '', value = ''] = attr;
      expect(attrName.startsWith('on'), `handler ${attrName} in ${html}`).toBe(false);
      expect(
        /^(class|href|target|rel|datetime|role|title|type|value|selected|disabled|hidden|style|aria-[a-z]+|data-[a-z-]+)$/.test(
          attrName,
        ),
        `attribute ${attrName} in ${html}`,
      ).toBe(true);
      if (attrName === 'href') expect(value).toMatch(/^(https?:\/\/|\/sandbox\/files\/)/);
      if (attrName === 'style') {
        expect(value).toMatch(/^(border-left-color:#[0-9a-f]{3,6}|margin-left:[0-9.]+em)$/);
      }
    }
    expect(rest.slice(consumed).trim(), `junk in tag ${whole}`).toBe('');
  }
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('mrkdwnToHtml formatting', () => {
  it('renders bold, italic, strike and inline code', () => {
    expect(mrkdwnToHtml('*bold* _italic_ ~gone~ `a *b* <@U0BOB>`', ctx)).toBe(
      '<strong>bold</strong> <em>italic</em> <del>gone</del> <code>a *b* @bob</code>',
    );
  });

  it('leaves markers inside words and unmatched markers alone', () => {
    expect(mrkdwnToHtml('snake_case_name 2*3*4 * not bold * a_b')).toBe(
      'snake_case_name 2*3*4 * not bold * a_b',
    );
  });

  it('formats across mentions and links', () => {
    expect(mrkdwnToHtml('*lead: <@U0BOB>*', ctx)).toBe(
      '<strong>lead: <span class="mention">@bob</span></strong>',
    );
  });

  it('renders preformatted blocks without formatting inside, and entities once', () => {
    expect(mrkdwnToHtml('```\n*x* &lt;y&gt; &amp;lt;\n```')).toBe(
      '<pre class="code-block">*x* &lt;y&gt; &amp;lt;\n</pre>',
    );
  });

  it('turns > lines into a blockquote and newlines into <br>', () => {
    expect(mrkdwnToHtml('one\n&gt; quoted\n&gt; more\ntwo\nthree')).toBe(
      'one<blockquote>quoted<br>more</blockquote>two<br>three',
    );
  });

  it('turns common emoji shortcodes into characters and keeps unknown ones', () => {
    expect(
      mrkdwnToHtml(
        ':rotating_light: :white_check_mark: :pushpin: :warning: :fire: :red_circle: :large_green_circle: :no_such_emoji: 10:30:45',
      ),
    ).toBe('🚨 ✅ 📌 ⚠️ 🔥 🔴 🟢 :no_such_emoji: 10:30:45');
    expect(emojiFor('thumbsup')).toBe('👍');
    expect(emojiFor('constructor')).toBe(':constructor:');
  });
});

describe('mrkdwnToHtml control sequences', () => {
  it('renders user mentions by name, with the label or the id when unknown', () => {
    expect(mrkdwnToHtml('<@U0BOB> <@U0ZED|zed> <@U0NOBODY>', ctx)).toBe(
      '<span class="mention">@bob</span> <span class="mention">@zed</span> <span class="mention">@U0NOBODY</span>',
    );
  });

  it('renders channels, broadcasts and user groups', () => {
    expect(
      mrkdwnToHtml('<#C0CHECKOUT> <#C0OTHER|other> <!here> <!channel> <!subteam^S1|@oncall>', ctx),
    ).toBe(
      '<span class="mention">#checkout</span> <span class="mention">#other</span> <span class="mention">@here</span> <span class="mention">@channel</span> <span class="mention">@oncall</span>',
    );
  });

  it('renders dates as their fallback text in a <time>', () => {
    expect(mrkdwnToHtml('<!date^1700000000^{date_short} {time}|14 Nov 22:13 UTC>')).toBe(
      '<time datetime="2023-11-14T22:13:20.000Z">14 Nov 22:13 UTC</time>',
    );
  });

  it('renders http(s) links with their label, and only those', () => {
    expect(mrkdwnToHtml('<https://example.com/a?b=1&amp;c=2|the runbook>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the runbook</a>',
    );
    expect(mrkdwnToHtml('<http://example.com>')).toBe(
      '<a href="http://example.com/" target="_blank" rel="noopener noreferrer">http://example.com</a>',
    );
    expect(mrkdwnToHtml('<mailto:a@b.c|mail me>')).toBe('mail me');
    expect(mrkdwnToHtml('<https://s.example/i/1|*TypeError: x_y_z*>')).toBe(
      '<a href="https://s.example/i/1" target="_blank" rel="noopener noreferrer"><strong>TypeError: x_y_z</strong></a>',
    );
  });

  it('sends Slack file permalinks to the sandbox file route', () => {
    expect(safeHref('https://t.slack.com/files/UBOT/F0000000001/draft.md')).toBe(
      '/sandbox/files/F0000000001',
    );
    expect(safeHref('https://evil.example/files/UBOT/F1/x')).toBe(
      'https://evil.example/files/UBOT/F1/x',
    );
  });
});

describe('injection attempts', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '"><img src=x onerror=alert(1)>',
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    '<javascript:alert(1)|click me>',
    '<JaVaScRiPt:alert(1)>',
    '<data:text/html;base64,PHNjcmlwdD4=|x>',
    '<https://ok.example/"onmouseover="alert(1)|x>',
    '<https://ok.example|"><img src=x onerror=alert(1)>>',
    '<@U0BOB|"><svg onload=alert(1)>>',
    '<#C1|<b>x</b>>',
    '`<img src=x onerror=alert(1)>`',
    '```</pre><script>x</script>```',
    '*<img src=x>* _"onerror=x_',
    '\uE0000\uE001 <@U0BOB> \uE000',
  ];

  it.each(attacks)('renders %j as text only', (attack) => {
    const html = mrkdwnToHtml(attack, ctx);
    expectOnlyRendererMarkup(html);
    expect(html).not.toMatch(/<(script|img|svg|b)\b/i);
    expect(html).not.toMatch(/href="(?!https?:)/i);
  });

  it('keeps the characters visible instead of dropping them', () => {
    expect(mrkdwnToHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('never lets a javascript: URL become a link, in any position', () => {
    const blocks = [
      {
        type: 'actions',
        elements: [{ type: 'button', text: txt('Go'), url: 'javascript:alert(1)' }],
      },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [{ type: 'link', url: 'javascript:alert(1)', text: 'x' }],
          },
        ],
      },
    ];
    const html = blocksToHtml(blocks, ctx);
    expect(html).not.toContain('javascript');
    expect(html).not.toContain('href');
    const att = attachmentsToHtml([
      {
        title: 't',
        title_link: 'javascript:alert(1)',
        actions: [{ text: 'a', url: 'vbscript:x' }],
      },
    ]);
    expect(att).not.toContain('href');
  });

  it('escapes names, usernames and every text in a message', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const html = messageToHtml(
      {
        ts: '1700000000.000100',
        isBot: true,
        user: 'UBOT',
        username: evil,
        text: evil,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: evil } },
          { type: 'section', text: { type: 'plain_text', text: evil }, fields: [txt(evil)] },
          { type: 'context', elements: [{ type: 'image', image_url: 'x', alt_text: evil }] },
          {
            type: 'actions',
            block_id: evil,
            elements: [
              { type: 'button', text: txt(evil), action_id: evil, value: evil },
              { type: 'users_select', action_id: evil, placeholder: txt(evil) },
            ],
          },
        ],
        attachments: [
          { color: 'red;background:url(x)', title: evil, fields: [{ title: evil, value: evil }] },
        ],
        files: [{ id: evil, name: evil, title: evil }],
        reactions: [{ name: evil, users: [evil] }],
      },
      { ...ctx, users: [...(ctx.users ?? []), { id: 'U0EVIL', name: evil }] },
    );
    expectOnlyRendererMarkup(html);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('background:url');
  });

  it('holds for any text at all', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '*',
      '_',
      '~',
      '`',
      '```',
      '\n',
      '&gt; ',
      '&lt;',
      '&amp;',
      '<@U0BOB>',
      '<!here>',
      '<https://x.example|y>',
      '<javascript:alert(1)|z>',
      'script',
      'img onerror=',
      ':fire:',
      '\uE000',
      '\uE001',
      '0',
      ' ',
      'a',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        expectOnlyRendererMarkup(mrkdwnToHtml(parts.join(''), ctx));
      }),
      { numRuns: 400 },
    );
  });
});

function txt(text: string, type: 'mrkdwn' | 'plain_text' = 'mrkdwn') {
  return { type, text };
}

describe('blocksToHtml', () => {
  it('renders a header from plain text, emoji included, not as mrkdwn', () => {
    expect(
      blocksToHtml([{ type: 'header', text: txt('Post-mortem *draft* :fire:', 'plain_text') }]),
    ).toBe('<div class="bk-header" role="heading" aria-level="3">Post-mortem *draft* 🔥</div>');
  });

  it('renders a section with text, fields and a button accessory', () => {
    const html = blocksToHtml(
      [
        {
          type: 'section',
          block_id: 'b1',
          text: txt('*TTD*\n5m'),
          fields: [txt('*Severity*\nsev2'), txt('*Lead*\n<@U0BOB>')],
          accessory: {
            type: 'button',
            text: txt('Open', 'plain_text'),
            action_id: 'open',
            value: '7',
          },
        },
      ],
      ctx,
    );
    expect(html).toContain('<div class="bk-text"><strong>TTD</strong><br>5m</div>');
    expect(html).toContain('<div class="bk-field"><strong>Severity</strong><br>sev2</div>');
    expect(html).toContain('<span class="mention">@bob</span>');
    expect(html).toContain(
      '<button type="button" class="bk-button" data-act="block-action" data-action-id="open" data-block-id="b1" data-value="7">Open</button>',
    );
  });

  it('renders context, divider, image (as alt text) and markdown blocks', () => {
    const html = blocksToHtml(
      [
        {
          type: 'context',
          elements: [txt('_small_'), { type: 'image', image_url: 'x', alt_text: 'logo' }],
        },
        { type: 'divider' },
        {
          type: 'image',
          image_url: 'https://x/y.png',
          alt_text: 'error rate graph',
          title: txt('Graph', 'plain_text'),
        },
        { type: 'markdown', text: '*hi*' },
      ],
      ctx,
    );
    expect(html).toContain('<div class="bk-context"><span><em>small</em></span>');
    expect(html).toContain('aria-label="logo"');
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('🖼 error rate graph');
    expect(html).toContain('Graph');
    expect(html).not.toContain('https://x/y.png');
    expect(html).toContain('<strong>hi</strong>');
  });

  it('renders actions: styled buttons, URL buttons as links, users_select with people only', () => {
    const html = blocksToHtml(
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: txt('Done', 'plain_text'),
              action_id: 'reminder_done',
              value: '3',
              style: 'primary',
            },
            {
              type: 'button',
              text: txt('View full draft', 'plain_text'),
              action_id: 'postmortem_view',
              url: 'https://t.slack.com/files/UBOT/F0000000009/draft.md',
            },
            {
              type: 'users_select',
              action_id: 'reminder_reassign-3',
              placeholder: txt('Reassign…', 'plain_text'),
            },
            { type: 'static_select', action_id: 's', placeholder: txt('Pick', 'plain_text') },
          ],
        },
      ],
      ctx,
    );
    expect(html).toContain(
      '<button type="button" class="bk-button primary" data-act="block-action" data-action-id="reminder_done" data-block-id="block-0" data-value="3">Done</button>',
    );
    expect(html).toContain('<a class="bk-button" href="/sandbox/files/F0000000009"');
    expect(html).toContain('aria-label="Reassign…"');
    expect(html).toContain('data-action-id="reminder_reassign-3"');
    expect(html).toContain('<option value="U0BOB">bob (Bob Okafor)</option>');
    expect(html).not.toContain('value="UBOT"');
    expect(html).toContain('[Pick]');
  });

  it('renders rich_text: styles, links, emoji, mentions, lists, quotes and code', () => {
    const html = blocksToHtml(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'bold', style: { bold: true } },
                { type: 'text', text: ' and ' },
                { type: 'text', text: 'code', style: { code: true } },
                { type: 'emoji', name: 'fire' },
                { type: 'emoji', name: 'custom', unicode: '1f680' },
                { type: 'user', user_id: 'U0BOB' },
                { type: 'channel', channel_id: 'C0CHECKOUT' },
                { type: 'broadcast', range: 'here' },
                { type: 'link', url: 'https://example.com', text: 'site' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'ordered',
              elements: [
                { type: 'rich_text_section', elements: [{ type: 'text', text: 'first' }] },
              ],
            },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'said' }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: '<pre>' }] },
          ],
        },
      ],
      ctx,
    );
    expect(html).toContain('<strong>bold</strong> and <code>code</code>🔥🚀');
    expect(html).toContain(
      '<span class="mention">@bob</span><span class="mention">#checkout</span>',
    );
    expect(html).toContain('<span class="mention">@here</span>');
    expect(html).toContain('<a href="https://example.com/"');
    expect(html).toContain('<ol class="rt-list" style="margin-left:0em"><li>first</li></ol>');
    expect(html).toContain('<blockquote>said</blockquote>');
    expect(html).toContain('<pre class="code-block">&lt;pre&gt;</pre>');
  });

  it('names blocks it does not know instead of dropping them', () => {
    expect(blocksToHtml([{ type: 'video' }])).toBe(
      '<div class="bk-unsupported">[video block]</div>',
    );
  });
});

describe('attachments', () => {
  it('renders the colour bar, title, text, fields and footer', () => {
    const html = attachmentsToHtml(
      [
        {
          color: 'danger',
          title: '[FIRING:1] HighErrorRate',
          title_link: 'https://alerts.example/#/alerts',
          text: '*summary:* 5xx above 5%',
          fields: [{ title: 'severity', value: 'critical', short: true }],
          footer: 'Alertmanager',
        },
        { color: '#2EB67D', fallback: 'resolved' },
        { color: 'red; background:url(x)', text: 'x' },
      ],
      ctx,
    );
    expect(html).toContain('<div class="attachment" style="border-left-color:#e01e5a">');
    expect(html).toContain('href="https://alerts.example/#/alerts"');
    expect(html).toContain('<strong>summary:</strong> 5xx above 5%');
    expect(html).toContain('<strong>severity</strong><br>critical');
    expect(html).toContain('Alertmanager');
    expect(html).toContain(
      '<div class="attachment" style="border-left-color:#2eb67d"><div class="att-text">resolved</div>',
    );
    expect(html).toContain('<div class="attachment"><div class="att-text">x</div></div>');
    expectOnlyRendererMarkup(html);
  });

  it('accepts only hex and Slack colour names', () => {
    expect(safeColour('good')).toBe('#2eb67d');
    expect(safeColour('FF0000')).toBe('#ff0000');
    expect(safeColour('#abc')).toBe('#abc');
    expect(safeColour('expression(alert(1))')).toBeNull();
    expect(safeColour(3)).toBeNull();
  });
});

describe('messages', () => {
  const base: RenderMessage = {
    ts: '1700000000.000100',
    isBot: false,
    user: 'U0ALICE',
    text: 'hi',
  };

  it('falls back to text when there are no blocks', () => {
    expect(messageBodyToHtml({ ...base, text: '*hi* <@U0BOB>' }, ctx)).toBe(
      '<div class="bk-text"><strong>hi</strong> <span class="mention">@bob</span></div>',
    );
    expect(
      messageBodyToHtml({ ...base, text: 'fallback', blocks: [{ type: 'divider' }] }, ctx),
    ).toBe('<hr class="bk-divider">');
  });

  it('marks ephemerals as only visible to you, without message tools', () => {
    const html = messageToHtml({ ...base, user: 'UBOT', isBot: true, ephemeral: true }, ctx);
    expect(html).toContain('Only visible to you');
    expect(html).toContain('class="message ephemeral bot"');
    expect(html).not.toContain('data-act="react"');
  });

  it('offers Edit and Delete on the viewer’s own messages only', () => {
    expect(messageToHtml(base, ctx)).toContain('data-act="edit"');
    expect(messageToHtml(base, ctx)).toContain('data-act="delete"');
    const bobs = messageToHtml({ ...base, user: 'U0BOB' }, ctx);
    expect(bobs).not.toContain('data-act="edit"');
    expect(bobs).toContain('data-act="react"');
    expect(bobs).toContain('data-callback-id="add_to_timeline"');
    expect(bobs).toContain('data-callback-id="create_action"');
  });

  it('shows author, local time, edited mark, files, reactions and the reply count', () => {
    const html = messageToHtml(
      {
        ...base,
        edited: true,
        files: [{ id: 'F1', name: 'draft.md', title: 'Post-mortem draft' }],
        reactions: [{ name: 'pushpin', users: ['U0ALICE', 'U0BOB'] }],
      },
      ctx,
      { replyCount: 2 },
    );
    expect(html).toContain('<span class="author">alice</span>');
    expect(html).toContain('23:13:20'); // 22:13:20 UTC in Paris
    expect(html).toContain('(edited)');
    expect(html).toContain(
      '<a href="/sandbox/files/F1" target="_blank" rel="noopener noreferrer">📄 Post-mortem draft</a>',
    );
    expect(html).toContain('aria-pressed="true" aria-label="📌 2, reacted by alice, bob"');
    expect(html).toContain('2 replies</button>');
  });

  it('makes only the bot’s own controls clickable', () => {
    const blocks = [
      {
        type: 'actions',
        elements: [
          { type: 'button', text: txt('Resolve', 'plain_text'), action_id: 'resolve' },
          { type: 'users_select', action_id: 'assign', placeholder: txt('Assign', 'plain_text') },
          {
            type: 'button',
            text: txt('Open', 'plain_text'),
            action_id: 'o',
            url: 'https://s.example/',
          },
        ],
      },
    ];
    const sentry = messageBodyToHtml({ ...base, isBot: true, user: 'U0SENTRY', blocks }, ctx);
    expect(sentry).not.toContain('data-act');
    expect(sentry).toContain('disabled');
    expect(sentry).toContain('href="https://s.example/"');
    const webhook = messageBodyToHtml({ ...base, isBot: true, user: undefined, blocks }, ctx);
    expect(webhook).not.toContain('data-act');
    const bot = messageBodyToHtml({ ...base, isBot: true, user: 'UBOT', blocks }, ctx);
    expect(bot).toContain('data-act="block-action" data-action-id="resolve"');
    expect(bot).toContain('data-act="users-select"');
    expect(bot).not.toContain('disabled');
  });

  it('keeps a deleted thread parent as a placeholder with its replies', () => {
    const html = messageToHtml({ ...base, text: 'secret', deleted: true }, ctx, { replyCount: 1 });
    expect(html).toContain('This message was deleted.');
    expect(html).not.toContain('secret');
    expect(html).toContain('1 reply</button>');
    expect(html).not.toContain('data-act="edit"');
  });

  it('names integration posts by their username and bots without one by their user', () => {
    expect(authorName({ ...base, isBot: true, username: 'Alertmanager' }, ctx)).toBe(
      'Alertmanager',
    );
    expect(authorName({ ...base, user: 'UBOT', isBot: true }, ctx)).toBe('incident-scribe');
    expect(formatTime('1700000000.000100')).toBe('22:13:20');
  });

  it('renders text objects of either kind', () => {
    expect(textObjectToHtml({ type: 'plain_text', text: '*a* :fire:', emoji: false })).toBe(
      '*a* :fire:',
    );
    expect(textObjectToHtml({ type: 'mrkdwn', text: '*a*' })).toBe('<strong>a</strong>');
    expect(textObjectToHtml(null)).toBe('');
  });
});

describe('the edit box', () => {
  it('turns Slack text back into what was typed', () => {
    expect(typedFrom('ping <@U0BOB> in <#C0CHECKOUT|checkout> a &lt;b&gt; &amp;', ctx)).toBe(
      'ping @bob in #checkout a <b> &',
    );
    expect(
      typedFrom('<!here> <@U0ZED|zed> <https://x.example|docs> <!date^1^{time}|noon>', ctx),
    ).toBe('@here @zed https://x.example noon');
  });
});
