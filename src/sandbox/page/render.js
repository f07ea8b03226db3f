// Block Kit and Slack mrkdwn → HTML for the sandbox page. Pure: no DOM, no globals beyond Intl
// and URL, so Node tests import it as it is. Everything that came from a person or the bot is
// escaped here; callers put the returned strings into innerHTML unchanged.

/** @typedef {{ id: string; name: string; realName?: string; isBot?: boolean }} RenderUser */
/** @typedef {{ id: string; name: string; isIm?: boolean; isPrivate?: boolean }} RenderChannel */

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value; safe inside double- or single-quoted attributes. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Slack escapes exactly these three in message text. */
export function decodeEntities(text) {
  return String(text).replace(/&(amp|lt|gt);/g, (_, name) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/**
 * Slack text → what the person would see and retype, for the edit box. The sandbox API takes text
 * as typed and encodes it the way the Slack client does (`&amp;`, `<@U…>`).
 */
export function typedFrom(text, ctx = {}) {
  return decodeEntities(
    String(text ?? '').replace(/<([^<>]*)>/g, (_, body) =>
      // A link was typed as its URL; Slack's label for it is not what the person wrote.
      /^(https?:|mailto:)/i.test(body) ? body.split('|')[0] : readableControl(body, ctx),
    ),
  );
}

// Common shortcodes; anything else stays as `:name:`, which is readable enough.
export const EMOJI = {
  rotating_light: '🚨',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  pushpin: '📌',
  round_pushpin: '📍',
  warning: '⚠️',
  fire: '🔥',
  red_circle: '🔴',
  large_green_circle: '🟢',
  green_circle: '🟢',
  large_yellow_circle: '🟡',
  yellow_circle: '🟡',
  large_orange_circle: '🟠',
  large_blue_circle: '🔵',
  blue_circle: '🔵',
  white_circle: '⚪',
  black_circle: '⚫',
  x: '❌',
  heavy_multiplication_x: '✖️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  alarm_clock: '⏰',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  stopwatch: '⏱️',
  clock1: '🕐',
  zzz: '💤',
  wastebasket: '🗑️',
  raising_hand: '🙋',
  memo: '📝',
  page_facing_up: '📄',
  spiral_note_pad: '🗒️',
  clipboard: '📋',
  bell: '🔔',
  no_bell: '🔕',
  mega: '📣',
  loudspeaker: '📢',
  speech_balloon: '💬',
  eyes: '👀',
  tada: '🎉',
  rocket: '🚀',
  bug: '🐛',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  gear: '⚙️',
  link: '🔗',
  lock: '🔒',
  unlock: '🔓',
  bulb: '💡',
  mag: '🔍',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  bar_chart: '📊',
  information_source: 'ℹ️',
  question: '❓',
  exclamation: '❗',
  heavy_exclamation_mark: '❗',
  bangbang: '‼️',
  sos: '🆘',
  ambulance: '🚑',
  construction: '🚧',
  rewind: '⏪',
  arrows_counterclockwise: '🔄',
  repeat: '🔁',
  recycle: '♻️',
  arrow_right: '➡️',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  ok_hand: '👌',
  pray: '🙏',
  wave: '👋',
  smile: '😄',
  slightly_smiling_face: '🙂',
  sweat_smile: '😅',
  thinking_face: '🤔',
  robot_face: '🤖',
  dog: '🐶',
  sparkles: '✨',
  star: '⭐',
  boom: '💥',
  zap: '⚡',
  skull: '💀',
  calendar: '📅',
  date: '📅',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  large_red_square: '🟥',
  large_green_square: '🟩',
  large_yellow_square: '🟨',
  checkered_flag: '🏁',
  triangular_flag_on_post: '🚩',
  siren: '🚨',
  heart: '❤️',
  broken_heart: '💔',
  100: '💯',
};

/** `:name:` → the character when known, else the shortcode as written. */
export function emojiFor(name) {
  const plain = String(name).replace(/::skin-tone-\d$/, '');
  return Object.hasOwn(EMOJI, plain) ? EMOJI[plain] : `:${name}:`;
}

// Placeholders for already-rendered HTML while the rest is formatted; user text never carries
// these private-use characters (they are removed first).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;

function userName(id, ctx, label) {
  const user = (ctx.users ?? []).find((u) => u.id === id);
  if (user) return user.name;
  if (label) return decodeEntities(label).replace(/^@/, '');
  return id;
}

function channelName(id, ctx, label) {
  const channel = (ctx.channels ?? []).find((c) => c.id === id);
  if (channel) return channel.name;
  return label ? decodeEntities(label) : id;
}

/** A URL that may be followed: http(s) only, sandbox file links kept on this machine. */
export function safeHref(url, ctx = {}) {
  const raw = decodeEntities(String(url ?? '').trim());
  if (!/^https?:\/\//i.test(raw)) return null;
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // Slack file permalinks (https://<team>.slack.com/files/<user>/<F…>/<name>) are the sandbox's.
  const file = /^[a-z0-9-]+\.slack\.com$/i.test(parsed.hostname)
    ? /^\/files\/[^/]+\/(F[A-Z0-9]+)(?:\/|$)/.exec(parsed.pathname)
    : null;
  if (file?.[1]) return fileHref(file[1], ctx);
  return parsed.href;
}

export function fileHref(id, ctx = {}) {
  return typeof ctx.fileHref === 'function'
    ? ctx.fileHref(id)
    : `/sandbox/files/${encodeURIComponent(id)}`;
}

function link(href, labelHtml) {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
}

/** One `<…>` control sequence as plain text (for code spans and the edit box). */
function readableControl(body, ctx) {
  const bar = body.indexOf('|');
  const head = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? null : body.slice(bar + 1);
  if (head.startsWith('@')) return `@${userName(head.slice(1), ctx, label)}`;
  if (head.startsWith('#')) return `#${channelName(head.slice(1), ctx, label)}`;
  if (head.startsWith('!subteam^')) {
    return label ? decodeEntities(label) : `@${head.slice('!subteam^'.length)}`;
  }
  if (head.startsWith('!date^')) return label ? decodeEntities(label) : '';
  if (head.startsWith('!')) return label ? decodeEntities(label) : `@${head.slice(1)}`;
  return decodeEntities(label ?? head);
}

/** One `<…>` control sequence as HTML. */
function controlHtml(body, ctx) {
  const bar = body.indexOf('|');
  const head = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? null : body.slice(bar + 1);
  if (head.startsWith('@')) {
    return `<span class="mention">@${escapeHtml(userName(head.slice(1), ctx, label))}</span>`;
  }
  if (head.startsWith('#')) {
    return `<span class="mention">#${escapeHtml(channelName(head.slice(1), ctx, label))}</span>`;
  }
  if (head.startsWith('!date^')) {
    const unix = Number(head.split('^')[1]);
    const shown = escapeHtml(label ? decodeEntities(label) : '');
    if (!Number.isFinite(unix)) return shown;
    return `<time datetime="${escapeHtml(new Date(unix * 1000).toISOString())}">${shown}</time>`;
  }
  if (head.startsWith('!')) {
    return `<span class="mention">${escapeHtml(readableControl(body, ctx))}</span>`;
  }
  const href = safeHref(head, ctx);
  // Slack formats a label (`<url|*TypeError*>`, as Sentry posts) but not a bare URL.
  const text = label === null ? escapeHtml(decodeEntities(head)) : formatted(label);
  return href === null ? text : link(href, text);
}

function protect(html, store) {
  store.push(html);
  return `${OPEN}${store.length - 1}${CLOSE}`;
}

function restore(text, store) {
  const pattern = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');
  // Placeholders can nest (a link inside bold); a few passes resolve them all.
  let out = text;
  for (let i = 0; i < 4 && out.includes(OPEN); i++) {
    out = out.replace(pattern, (_, n) => store[Number(n)] ?? '');
  }
  return out;
}

// Slack's inline markers need a non-word character (or an edge) outside and no space inside.
function inline(html, marker, tag) {
  const m = marker === '*' ? '\\*' : marker;
  const pattern = new RegExp(
    `(^|[^\\p{L}\\p{N}_${m}])${m}(?=\\S)([^${m}\\n]*?[^\\s${m}]|[^\\s${m}])${m}(?![\\p{L}\\p{N}_${m}])`,
    'gu',
  );
  return html.replace(pattern, (_, pre, inner) => `${pre}<${tag}>${inner}</${tag}>`);
}

function formatInline(html) {
  return inline(inline(inline(html, '*', 'strong'), '_', 'em'), '~', 'del');
}

/** A link label: entities decoded once, escaped, then bold/italic/strike; no nested controls. */
function formatted(label) {
  return formatInline(escapeHtml(decodeEntities(label.replace(SENTINELS, ''))));
}

/**
 * Slack mrkdwn (as in `text` fields and mrkdwn objects) → HTML. Handles `*bold*`, `_italic_`,
 * `~strike~`, `` `code` ``, ``` ```pre``` ```, `> quotes`, mentions, links, dates and emoji.
 */
export function mrkdwnToHtml(text, ctx = {}) {
  const store = [];
  let source = String(text ?? '').replace(SENTINELS, '');
  // Code first: nothing inside is formatted, controls show as their readable text.
  const codeText = (inner) =>
    escapeHtml(
      decodeEntities(inner.replace(/<([^<>]*)>/g, (_, body) => readableControl(body, ctx))),
    );
  source = source.replace(/```\n?([\s\S]*?)```/g, (_, inner) =>
    protect(`<pre class="code-block">${codeText(inner)}</pre>`, store),
  );
  source = source.replace(/`([^`\n]+)`/g, (_, inner) =>
    protect(`<code>${codeText(inner)}</code>`, store),
  );
  source = source.replace(/<([^<>\n]*)>/g, (_, body) => protect(controlHtml(body, ctx), store));
  let html = escapeHtml(decodeEntities(source));
  html = html.replace(/:([a-z0-9_+-]+(?:::skin-tone-\d)?):/gi, (whole, name) => {
    const emoji = emojiFor(name.toLowerCase());
    return emoji.startsWith(':') ? whole : emoji;
  });
  html = formatInline(html);
  const lines = html.split('\n');
  const out = [];
  let quote = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of lines) {
    const quoted = /^&gt; ?(.*)$/.exec(line);
    if (quoted) {
      quote.push(quoted[1] ?? '');
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  // Join with <br>, except around blockquotes, which are blocks of their own.
  const joined = out
    .map((line, i) => {
      const next = out[i + 1];
      const isBlock = line.startsWith('<blockquote>');
      const nextIsBlock = next?.startsWith('<blockquote>') ?? false;
      return next === undefined || isBlock || nextIsBlock ? line : `${line}<br>`;
    })
    .join('');
  return restore(joined, store);
}

/** A `plain_text` object's text: escaped, with `:emoji:` when asked for (the default). */
export function plainToHtml(text, emoji = true) {
  const html = escapeHtml(String(text ?? '').replace(SENTINELS, '')).replace(/\n/g, '<br>');
  if (!emoji) return html;
  return html.replace(/:([a-z0-9_+-]+):/gi, (whole, name) => {
    const e = emojiFor(name.toLowerCase());
    return e.startsWith(':') ? whole : e;
  });
}

/** A text object (`plain_text` or `mrkdwn`) → HTML; a bare string counts as mrkdwn. */
export function textObjectToHtml(obj, ctx = {}) {
  if (typeof obj === 'string') return mrkdwnToHtml(obj, ctx);
  if (!isRecord(obj) || typeof obj.text !== 'string') return '';
  if (obj.type === 'plain_text') return plainToHtml(obj.text, obj.emoji !== false);
  return mrkdwnToHtml(obj.text, ctx);
}

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plainOf(obj) {
  if (typeof obj === 'string') return obj;
  return isRecord(obj) && typeof obj.text === 'string' ? obj.text : '';
}

// ---------------------------------------------------------------------------------------------
// Interactive elements. Buttons carry what POST /sandbox/api/action needs in data attributes.

function actionData(element, blockId) {
  const attrs = [
    `data-act="block-action"`,
    `data-action-id="${escapeHtml(element.action_id ?? '')}"`,
    `data-block-id="${escapeHtml(blockId)}"`,
  ];
  if (typeof element.value === 'string') attrs.push(`data-value="${escapeHtml(element.value)}"`);
  return attrs.join(' ');
}

// Controls on messages from other apps (Sentry's Resolve…) belong to those apps, not the bot.
const FOREIGN = 'title="This control belongs to another app; only the bot’s controls work here"';

function buttonHtml(element, blockId, ctx) {
  const label = textObjectToHtml(element.text, ctx) || 'Button';
  const style =
    element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const href = typeof element.url === 'string' ? safeHref(element.url, ctx) : null;
  const data = ctx.interactive === false ? '' : ` ${actionData(element, blockId)}`;
  if (href !== null) {
    // Slack opens the URL and also sends the click to the app; the page does both.
    return `<a class="bk-button${style}" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer"${data}>${label}</a>`;
  }
  if (ctx.interactive === false) {
    return `<button type="button" class="bk-button${style}" disabled ${FOREIGN}>${label}</button>`;
  }
  return `<button type="button" class="bk-button${style}"${data}>${label}</button>`;
}

function usersSelectHtml(element, blockId, ctx) {
  const placeholder = plainOf(element.placeholder) || 'Select a person';
  const people = (ctx.users ?? []).filter((u) => !u.isBot);
  const initial = typeof element.initial_user === 'string' ? element.initial_user : '';
  const options = people
    .map(
      (u) =>
        `<option value="${escapeHtml(u.id)}"${u.id === initial ? ' selected' : ''}>${escapeHtml(u.name)}${u.realName ? ` (${escapeHtml(u.realName)})` : ''}</option>`,
    )
    .join('');
  if (ctx.interactive === false) {
    return `<select class="bk-select" aria-label="${escapeHtml(placeholder)}" disabled ${FOREIGN}><option>${escapeHtml(placeholder)}</option></select>`;
  }
  return `<select class="bk-select" aria-label="${escapeHtml(placeholder)}" data-act="users-select" data-action-id="${escapeHtml(element.action_id ?? '')}" data-block-id="${escapeHtml(blockId)}"><option value=""${initial === '' ? ' selected' : ''}>${escapeHtml(placeholder)}</option>${options}</select>`;
}

function elementHtml(element, blockId, ctx) {
  if (!isRecord(element)) return '';
  switch (element.type) {
    case 'button':
      return buttonHtml(element, blockId, ctx);
    case 'users_select':
      return usersSelectHtml(element, blockId, ctx);
    case 'image':
      return imageAlt(element);
    default: {
      const what = plainOf(element.placeholder) || plainOf(element.text) || element.type;
      return `<span class="bk-unsupported" title="Not interactive in the sandbox">[${escapeHtml(what)}]</span>`;
    }
  }
}

function imageAlt(element) {
  const alt = typeof element.alt_text === 'string' ? element.alt_text : 'image';
  return `<span class="bk-image" role="img" aria-label="${escapeHtml(alt)}">🖼 ${escapeHtml(alt)}</span>`;
}

// ---------------------------------------------------------------------------------------------
// rich_text

function richInline(el, ctx) {
  if (!isRecord(el)) return '';
  const style = isRecord(el.style) ? el.style : {};
  let html;
  switch (el.type) {
    case 'text':
      html = escapeHtml(String(el.text ?? '').replace(SENTINELS, '')).replace(/\n/g, '<br>');
      break;
    case 'link': {
      const href = safeHref(el.url, ctx);
      const label = escapeHtml(typeof el.text === 'string' && el.text !== '' ? el.text : el.url);
      html = href === null ? label : link(href, label);
      break;
    }
    case 'emoji':
      html =
        typeof el.unicode === 'string' && /^[0-9a-f]{2,6}(-[0-9a-f]{2,6})*$/i.test(el.unicode)
          ? el.unicode
              .split('-')
              .map((hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
              .join('')
          : escapeHtml(emojiFor(String(el.name ?? '')));
      break;
    case 'user':
      html = `<span class="mention">@${escapeHtml(userName(String(el.user_id ?? ''), ctx, null))}</span>`;
      break;
    case 'channel':
      html = `<span class="mention">#${escapeHtml(channelName(String(el.channel_id ?? ''), ctx, null))}</span>`;
      break;
    case 'usergroup':
      html = `<span class="mention">@${escapeHtml(String(el.usergroup_id ?? ''))}</span>`;
      break;
    case 'broadcast':
      html = `<span class="mention">@${escapeHtml(String(el.range ?? 'here'))}</span>`;
      break;
    case 'date':
      html = escapeHtml(String(el.fallback ?? ''));
      break;
    default:
      html = '';
  }
  if (style.code) html = `<code>${html}</code>`;
  if (style.bold) html = `<strong>${html}</strong>`;
  if (style.italic) html = `<em>${html}</em>`;
  if (style.strike) html = `<del>${html}</del>`;
  return html;
}

function richInlines(elements, ctx) {
  return Array.isArray(elements) ? elements.map((e) => richInline(e, ctx)).join('') : '';
}

function richElement(el, ctx) {
  if (!isRecord(el)) return '';
  switch (el.type) {
    case 'rich_text_section':
      return `<div class="rt-section">${richInlines(el.elements, ctx)}</div>`;
    case 'rich_text_quote':
      return `<blockquote>${richInlines(el.elements, ctx)}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre class="code-block">${richInlines(el.elements, ctx)}</pre>`;
    case 'rich_text_list': {
      const tag = el.style === 'ordered' ? 'ol' : 'ul';
      const indent = Number.isInteger(el.indent) ? Math.min(Math.max(el.indent, 0), 8) : 0;
      const items = Array.isArray(el.elements)
        ? el.elements
            .map((item) =>
              isRecord(item) && Array.isArray(item.elements)
                ? `<li>${richInlines(item.elements, ctx)}</li>`
                : '',
            )
            .join('')
        : '';
      return `<${tag} class="rt-list" style="margin-left:${indent * 1.5}em">${items}</${tag}>`;
    }
    default:
      return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

function blockHtml(block, index, ctx) {
  if (!isRecord(block)) return '';
  const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
  switch (block.type) {
    case 'header':
      return `<div class="bk-header" role="heading" aria-level="3">${textObjectToHtml(block.text, ctx)}</div>`;
    case 'section': {
      const text = block.text
        ? `<div class="bk-text">${textObjectToHtml(block.text, ctx)}</div>`
        : '';
      const fields = Array.isArray(block.fields)
        ? `<div class="bk-fields">${block.fields
            .map((f) => `<div class="bk-field">${textObjectToHtml(f, ctx)}</div>`)
            .join('')}</div>`
        : '';
      const accessory = isRecord(block.accessory)
        ? `<div class="bk-accessory">${elementHtml(block.accessory, blockId, ctx)}</div>`
        : '';
      return `<div class="bk-section"><div class="bk-main">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context': {
      const parts = Array.isArray(block.elements)
        ? block.elements.map((el) =>
            isRecord(el) && el.type === 'image' ? imageAlt(el) : textObjectToHtml(el, ctx),
          )
        : [];
      return `<div class="bk-context">${parts.map((p) => `<span>${p}</span>`).join('')}</div>`;
    }
    case 'divider':
      return '<hr class="bk-divider">';
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      return `<div class="bk-actions">${elements.map((el) => elementHtml(el, blockId, ctx)).join('')}</div>`;
    }
    case 'image': {
      const title = block.title
        ? `<div class="bk-image-title">${textObjectToHtml(block.title, ctx)}</div>`
        : '';
      return `<div class="bk-image-block">${title}${imageAlt(block)}</div>`;
    }
    case 'rich_text': {
      const parts = Array.isArray(block.elements)
        ? block.elements.map((el) => richElement(el, ctx))
        : [];
      return `<div class="bk-rich">${parts.join('')}</div>`;
    }
    case 'markdown':
      return `<div class="bk-text">${mrkdwnToHtml(typeof block.text === 'string' ? block.text : '', ctx)}</div>`;
    default:
      return `<div class="bk-unsupported">[${escapeHtml(String(block.type ?? 'unknown'))} block]</div>`;
  }
}

/** A list of Block Kit blocks → HTML. */
export function blocksToHtml(blocks, ctx = {}) {
  if (!Array.isArray(blocks)) return '';
  return blocks.map((block, index) => blockHtml(block, index, ctx)).join('');
}

// ---------------------------------------------------------------------------------------------
// Legacy attachments (alert integrations still use them for the colour bar)

const NAMED_COLOURS = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };

/** An attachment colour usable in a style attribute, or null. */
export function safeColour(color) {
  if (typeof color !== 'string') return null;
  if (Object.hasOwn(NAMED_COLOURS, color)) return NAMED_COLOURS[color];
  const hex = color.startsWith('#') ? color.slice(1) : color;
  return /^(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex) ? `#${hex.toLowerCase()}` : null;
}

function attachmentHtml(a, ctx) {
  if (!isRecord(a)) return '';
  const colour = safeColour(a.color);
  const style = colour === null ? '' : ` style="border-left-color:${colour}"`;
  const parts = [];
  if (typeof a.pretext === 'string')
    parts.push(`<div class="att-pretext">${mrkdwnToHtml(a.pretext, ctx)}</div>`);
  if (typeof a.author_name === 'string') {
    parts.push(`<div class="att-author">${escapeHtml(a.author_name)}</div>`);
  }
  if (typeof a.title === 'string') {
    const href = typeof a.title_link === 'string' ? safeHref(a.title_link, ctx) : null;
    const title = mrkdwnToHtml(a.title, ctx);
    parts.push(`<div class="att-title">${href === null ? title : link(href, title)}</div>`);
  }
  if (typeof a.text === 'string' && a.text !== '') {
    parts.push(`<div class="att-text">${mrkdwnToHtml(a.text, ctx)}</div>`);
  }
  if (Array.isArray(a.fields) && a.fields.length > 0) {
    const fields = a.fields
      .filter(isRecord)
      .map(
        (f) =>
          `<div class="bk-field${f.short ? '' : ' wide'}"><strong>${escapeHtml(f.title ?? '')}</strong><br>${mrkdwnToHtml(String(f.value ?? ''), ctx)}</div>`,
      )
      .join('');
    parts.push(`<div class="bk-fields">${fields}</div>`);
  }
  if (Array.isArray(a.blocks)) parts.push(blocksToHtml(a.blocks, ctx));
  if (Array.isArray(a.actions) && a.actions.length > 0) {
    const actions = a.actions
      .filter(isRecord)
      .map((act) => {
        const href = typeof act.url === 'string' ? safeHref(act.url, ctx) : null;
        const label = escapeHtml(act.text ?? act.name ?? 'Action');
        return href === null
          ? `<span class="bk-button disabled" title="Not interactive in the sandbox">${label}</span>`
          : `<a class="bk-button" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
      })
      .join('');
    parts.push(`<div class="bk-actions">${actions}</div>`);
  }
  if (typeof a.image_url === 'string') parts.push(imageAlt({ alt_text: a.image_url }));
  if (typeof a.footer === 'string' || typeof a.ts !== 'undefined') {
    const footer = typeof a.footer === 'string' ? mrkdwnToHtml(a.footer, ctx) : '';
    const at = Number(a.ts);
    const when =
      Number.isFinite(at) && at > 0 ? ` · ${escapeHtml(formatTime(String(at), ctx))}` : '';
    parts.push(`<div class="att-footer">${footer}${when}</div>`);
  }
  if (parts.length === 0 && typeof a.fallback === 'string') {
    parts.push(`<div class="att-text">${mrkdwnToHtml(a.fallback, ctx)}</div>`);
  }
  return `<div class="attachment"${style}>${parts.join('')}</div>`;
}

export function attachmentsToHtml(attachments, ctx = {}) {
  if (!Array.isArray(attachments)) return '';
  return attachments.map((a) => attachmentHtml(a, ctx)).join('');
}

// ---------------------------------------------------------------------------------------------
// Messages

/** A Slack ts (seconds.micros) as the viewer's local clock time. */
export function formatTime(ts, ctx = {}) {
  const ms = Number(String(ts).split('.')[0]) * 1000;
  if (!Number.isFinite(ms)) return '';
  const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: ctx.timeZone || 'UTC' }).format(
      ms,
    );
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(ms);
  }
}

/** The body of a message: blocks when present (text is their fallback), else text; attachments. */
export function messageBodyToHtml(message, base = {}) {
  if (!isRecord(message)) return '';
  const foreign =
    message.isBot === true && base.botUserId !== undefined && message.user !== base.botUserId;
  const ctx = foreign ? { ...base, interactive: false } : base;
  const blocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const main = blocks
    ? blocksToHtml(message.blocks, ctx)
    : typeof message.text === 'string' && message.text !== ''
      ? `<div class="bk-text">${mrkdwnToHtml(message.text, ctx)}</div>`
      : '';
  return main + attachmentsToHtml(message.attachments, ctx);
}

/** Who posted it, as the page shows it. */
export function authorName(message, ctx = {}) {
  if (typeof message.username === 'string' && message.username !== '') return message.username;
  if (typeof message.user === 'string') return userName(message.user, ctx, null);
  return message.isBot ? 'app' : 'someone';
}

function filesHtml(files, ctx) {
  if (!Array.isArray(files) || files.length === 0) return '';
  const items = files
    .filter((f) => isRecord(f) && typeof f.id === 'string')
    .map((f) => {
      const title = escapeHtml(f.title || f.name || f.id);
      const href = escapeHtml(fileHref(f.id, ctx));
      return `<li class="file"><a href="${href}" target="_blank" rel="noopener noreferrer">📄 ${title}</a> <span class="file-name">${escapeHtml(f.name ?? '')}</span> <button type="button" class="link-button" data-act="preview-file" data-file-id="${escapeHtml(f.id)}" aria-expanded="false">Show inline</button><pre class="file-preview" data-file-preview="${escapeHtml(f.id)}" hidden></pre></li>`;
    })
    .join('');
  return `<ul class="files" aria-label="Files">${items}</ul>`;
}

function reactionsHtml(reactions, ctx) {
  if (!Array.isArray(reactions) || reactions.length === 0) return '';
  const chips = reactions
    .filter((r) => isRecord(r) && typeof r.name === 'string')
    .map((r) => {
      const users = Array.isArray(r.users) ? r.users : [];
      const mine = users.includes(ctx.viewer);
      const who = users.map((u) => userName(String(u), ctx, null)).join(', ');
      const emoji = escapeHtml(emojiFor(r.name));
      return `<button type="button" class="reaction${mine ? ' mine' : ''}" data-act="toggle-reaction" data-name="${escapeHtml(r.name)}" aria-pressed="${mine}" aria-label="${emoji} ${users.length}, reacted by ${escapeHtml(who)}" title="${escapeHtml(who)}">${emoji} ${users.length}</button>`;
    })
    .join('');
  return `<div class="reactions">${chips}</div>`;
}

/**
 * A whole message as an `<article>`: author, time, body, files, reactions, thread summary and the
 * tools the viewer may use on it. `options.inThread` drops the thread summary and reply tool.
 */
export function messageToHtml(message, ctx = {}, options = {}) {
  if (!isRecord(message)) return '';
  if (message.deleted) return deletedToHtml(message, options);
  const author = authorName(message, ctx);
  const mine = !message.isBot && message.user === ctx.viewer && !message.ephemeral;
  const badges = [
    message.isBot ? '<span class="badge">APP</span>' : '',
    message.ephemeral ? '<span class="badge ephemeral-badge">Only visible to you</span>' : '',
  ].join('');
  const edited = message.edited ? ' <span class="edited">(edited)</span>' : '';
  const replies = Number(options.replyCount ?? message.replyCount ?? 0);
  const thread =
    !options.inThread && replies > 0
      ? `<button type="button" class="link-button thread-link" data-act="open-thread">${replies} ${replies === 1 ? 'reply' : 'replies'}</button>`
      : '';
  const tools = message.ephemeral
    ? ''
    : [
        options.inThread
          ? ''
          : '<button type="button" data-act="open-thread" aria-label="Reply in thread">💬</button>',
        '<button type="button" data-act="react" data-name="pushpin" aria-label="Add 📌 reaction">📌</button>',
        '<button type="button" data-act="shortcut" data-callback-id="add_to_timeline">Add to timeline</button>',
        '<button type="button" data-act="shortcut" data-callback-id="create_action">Create action from message</button>',
        mine ? '<button type="button" data-act="edit">Edit</button>' : '',
        mine ? '<button type="button" data-act="delete">Delete</button>' : '',
      ].join('');
  const classes = ['message', message.ephemeral ? 'ephemeral' : '', message.isBot ? 'bot' : '']
    .filter(Boolean)
    .join(' ');
  const label = `${message.ephemeral ? 'Only visible to you: message' : 'Message'} from ${author}`;
  return `<article class="${classes}" data-ts="${escapeHtml(message.ts)}" aria-label="${escapeHtml(label)}"><div class="meta"><span class="author">${escapeHtml(author)}</span>${badges}<time class="when" title="${escapeHtml(message.ts)}">${escapeHtml(formatTime(message.ts, ctx))}</time>${edited}</div><div class="body">${messageBodyToHtml(message, ctx)}</div>${filesHtml(message.files, ctx)}${reactionsHtml(message.reactions, ctx)}${thread}${tools === '' ? '' : `<div class="tools" role="toolbar" aria-label="Message actions">${tools}</div>`}</article>`;
}

/** A thread parent deleted while it had replies: Slack keeps a placeholder so the thread stays. */
function deletedToHtml(message, options) {
  const replies = Number(options.replyCount ?? message.replyCount ?? 0);
  const thread =
    !options.inThread && replies > 0
      ? `<button type="button" class="link-button thread-link" data-act="open-thread">${replies} ${replies === 1 ? 'reply' : 'replies'}</button>`
      : '';
  return `<article class="message deleted" data-ts="${escapeHtml(message.ts)}" aria-label="Deleted message"><div class="body muted"><em>This message was deleted.</em></div>${thread}</article>`;
}
