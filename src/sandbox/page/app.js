// The sandbox page: talks to /sandbox/api/… (docs/sandbox.md), polls the version counter and
// re-renders what the chosen person sees. All HTML comes from render.js, which escapes it.
import { escapeHtml, fileHref, messageToHtml, typedFrom } from './render.js';

const API = '/sandbox/api';
const POLL_MS = 500;

const $ = (id) => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing from the page`);
  return el;
};

const params = new URLSearchParams(location.search);
const state = {
  as: params.get('as') || 'U0ALICE',
  channel: params.get('channel') || null,
  thread: params.get('thread') || null,
  version: null,
  info: null,
  messages: [],
  editing: null,
  previews: new Map(),
  lastHtml: { list: '', thread: '', channels: '', users: '', alerts: '' },
  refreshing: null,
  queued: false,
  lostContact: false,
};

// ---------------------------------------------------------------------------------------------
// API

async function api(path, body) {
  let response;
  try {
    response = await fetch(`${API}/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new Error('The sandbox is not answering. Is `npm run sandbox` still running?');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    throw new Error(`The sandbox answered HTTP ${response.status} without JSON.`);
  }
  if (!response.ok || data === null || data.ok !== true) {
    const error = data && typeof data.error === 'string' ? data.error : `HTTP ${response.status}`;
    throw new Error(error);
  }
  return data;
}

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

/** Runs a person's action; its failure is shown on the page, then everything is refreshed. */
async function act(fn) {
  clearError();
  try {
    await fn();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  }
  await refresh();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function ctx() {
  const info = state.info;
  const viewer = info?.users.find((u) => u.id === state.as);
  return {
    users: info?.users ?? [],
    channels: info?.channels ?? [],
    viewer: state.as,
    botUserId: info?.botUserId,
    timeZone: viewer?.tz,
    fileHref: (id) => `/sandbox/files/${encodeURIComponent(id)}`,
  };
}

function botName() {
  const info = state.info;
  return info?.users.find((u) => u.id === info.botUserId)?.name ?? 'the bot';
}

function channelLabel(channel) {
  if (channel.isIm) return `${botName()} (DM)`;
  return `${channel.isPrivate ? '🔒' : '#'}${channel.name}`;
}

function currentChannel() {
  return state.info?.channels.find((c) => c.id === state.channel) ?? null;
}

function setHtml(key, el, html) {
  if (state.lastHtml[key] === html) return false;
  state.lastHtml[key] = html;
  el.innerHTML = html;
  return true;
}

function renderChrome() {
  const info = state.info;
  if (info === null) return;
  $('notice').textContent = info.notice ?? '';
  $('notice').hidden = !info.notice;
  $('team').textContent = info.team?.name ?? info.team?.domain ?? '';
  // The bot's team site; signing in there signs in as the person acting here.
  if (info.library) $('library').href = info.library;
  $('library').hidden = !info.library;

  const people = info.users.filter((u) => !u.isBot);
  setHtml(
    'users',
    $('as'),
    people
      .map(
        (u) =>
          `<option value="${escapeHtml(u.id)}"${u.id === state.as ? ' selected' : ''}>${escapeHtml(u.name)}${u.realName ? ` (${escapeHtml(u.realName)})` : ''}</option>`,
      )
      .join(''),
  );
  $('as').value = state.as;

  const item = (c) =>
    `<li><button type="button" class="channel-button${c.botIsMember ? '' : ' bot-absent'}" data-channel="${escapeHtml(c.id)}"${c.id === state.channel ? ' aria-current="page"' : ''}${c.botIsMember ? '' : ' title="The bot is not a member of this channel"'}>${escapeHtml(channelLabel(c))}</button></li>`;
  const channels = info.channels.filter((c) => !c.isIm);
  const dms = info.channels.filter((c) => c.isIm);
  setHtml('channels', $('channels'), channels.map(item).join(''));
  setHtml(
    'dms',
    $('dms'),
    dms.length === 0
      ? '<li class="muted small">No DM with the bot yet.</li>'
      : dms.map(item).join(''),
  );

  setHtml(
    'alerts',
    $('alert-sources'),
    (info.alertSources ?? [])
      .map(
        (s) =>
          `<li><span class="source-name">${escapeHtml(s.name)}</span><button type="button" class="small-button firing" data-alert="${escapeHtml(s.id)}" data-state="firing" aria-label="${escapeHtml(s.name)} firing">Firing</button><button type="button" class="small-button resolved" data-alert="${escapeHtml(s.id)}" data-state="resolved" aria-label="${escapeHtml(s.name)} resolved">Resolved</button></li>`,
      )
      .join(''),
  );

  const channel = currentChannel();
  const title = channel === null ? 'No channel' : channelLabel(channel);
  $('channel-title').textContent = channel?.isIm ? `Direct message with ${botName()}` : title;
  $('channel-hint').textContent =
    channel === null || channel.botIsMember
      ? ''
      : `${botName()} is not in this channel: it hears nothing here until someone runs /incident start here (or invites it).`;
  $('composer-text').setAttribute('aria-label', `Message ${title}`);
  $('messages').setAttribute('aria-label', `Messages in ${title}`);
}

const isReply = (m) => typeof m.threadTs === 'string' && m.threadTs !== m.ts;

function repliesTo(ts) {
  return state.messages.filter((m) => isReply(m) && m.threadTs === ts);
}

function renderMessages() {
  if (state.editing !== null) return; // keep the edit box as it is; refresh when it closes
  const c = ctx();
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const top = state.messages.filter((m) => !isReply(m));
  const html =
    top.length === 0
      ? '<p class="empty muted">No messages yet.</p>'
      : top
          .map((m) =>
            messageToHtml(m, c, {
              replyCount: Math.max(Number(m.replyCount ?? 0), repliesTo(m.ts).length),
            }),
          )
          .join('');
  if (setHtml('list', list, html)) {
    fillPreviews(list);
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  const pane = $('thread');
  const parent = state.thread === null ? null : state.messages.find((m) => m.ts === state.thread);
  if (parent === undefined || parent === null) {
    pane.hidden = true;
    state.thread = null;
    setHtml('thread', $('thread-messages'), '');
    return;
  }
  pane.hidden = false;
  const threadList = $('thread-messages');
  const threadHtml = [parent, ...repliesTo(parent.ts)]
    .map((m) => messageToHtml(m, c, { inThread: true }))
    .join('');
  if (setHtml('thread', threadList, threadHtml)) {
    fillPreviews(threadList);
    threadList.scrollTop = threadList.scrollHeight;
  }
}

function fillPreviews(root) {
  for (const pre of root.querySelectorAll('[data-file-preview]')) {
    const text = state.previews.get(pre.dataset.filePreview);
    if (text === undefined) continue;
    pre.textContent = text;
    pre.hidden = false;
    const button = pre.parentElement?.querySelector('[data-act="preview-file"]');
    if (button) {
      button.textContent = 'Hide';
      button.setAttribute('aria-expanded', 'true');
    }
  }
}

function saveLocation() {
  const next = new URLSearchParams();
  next.set('as', state.as);
  if (state.channel) next.set('channel', state.channel);
  if (state.thread) next.set('thread', state.thread);
  history.replaceState(null, '', `${location.pathname}?${next}`);
}

// ---------------------------------------------------------------------------------------------
// Loading

async function load() {
  const info = await api(`state?as=${encodeURIComponent(state.as)}`);
  state.info = info;
  if (!info.users.some((u) => u.id === state.as && !u.isBot)) {
    state.as = info.users.find((u) => !u.isBot)?.id ?? state.as;
  }
  if (!info.channels.some((c) => c.id === state.channel)) {
    const general = info.channels.find((c) => c.name === 'general');
    state.channel = (general ?? info.channels[0])?.id ?? null;
    state.thread = null;
  }
  if (state.channel !== null) {
    const asked = { channel: state.channel, as: state.as };
    const data = await api(
      `messages?channel=${encodeURIComponent(asked.channel)}&as=${encodeURIComponent(asked.as)}`,
    );
    // A switch while this was in flight makes the answer stale.
    if (asked.channel !== state.channel || asked.as !== state.as) return false;
    state.messages = Array.isArray(data.messages) ? data.messages : [];
    state.version = info.version;
  } else {
    state.messages = [];
    state.version = info.version;
  }
  return true;
}

/**
 * Reloads state and messages and re-renders. A call made while a load is in flight waits for one
 * more load after it, so what it sees is never older than the call.
 */
function refresh() {
  if (state.refreshing !== null) {
    state.queued = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    do {
      state.queued = false;
      try {
        if (!(await load())) {
          state.queued = true;
          continue;
        }
        renderChrome();
        renderMessages();
        saveLocation();
      } catch (error) {
        showError(error instanceof Error ? error.message : String(error));
      }
    } while (state.queued);
  })().finally(() => {
    state.refreshing = null;
  });
  return state.refreshing;
}

async function poll() {
  try {
    const { version } = await api('version');
    if (state.lostContact) {
      state.lostContact = false;
      clearError();
    }
    if (version !== state.version) await refresh();
  } catch (error) {
    if (!state.lostContact) {
      state.lostContact = true;
      showError(error instanceof Error ? error.message : String(error));
    }
  }
  setTimeout(poll, POLL_MS);
}

// ---------------------------------------------------------------------------------------------
// What a person does

function messageTs(el) {
  return el.closest('article[data-ts]')?.dataset.ts ?? null;
}

function findMessage(ts) {
  return state.messages.find((m) => m.ts === ts) ?? null;
}

async function send(textarea, threadTs) {
  const text = textarea.value.trim();
  if (text === '' || state.channel === null) return;
  const body = { channel: state.channel, as: state.as, text };
  if (threadTs) body.threadTs = threadTs;
  await act(async () => {
    await api('send', body);
    textarea.value = '';
  });
}

function startEdit(article, ts) {
  const message = findMessage(ts);
  if (message === null) return;
  state.editing = ts;
  const body = article.querySelector('.body');
  if (body === null) return;
  body.innerHTML = `<form class="edit-form"><textarea aria-label="Edit message" rows="3"></textarea><div class="edit-buttons"><button type="submit">Save</button><button type="button" data-act="cancel-edit">Cancel</button></div></form>`;
  const textarea = body.querySelector('textarea');
  textarea.value = typedFrom(message.text ?? '', ctx());
  textarea.focus();
  body.querySelector('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    state.editing = null;
    state.lastHtml.list = '';
    state.lastHtml.thread = '';
    if (text === '') {
      renderMessages();
      return;
    }
    await act(() => api('edit', { channel: state.channel, ts, as: state.as, text }));
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancelEdit();
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      body.querySelector('form').requestSubmit();
    }
  });
}

function cancelEdit() {
  state.editing = null;
  state.lastHtml.list = '';
  state.lastHtml.thread = '';
  renderMessages();
}

async function togglePreview(button) {
  const id = button.dataset.fileId;
  if (state.previews.has(id)) {
    state.previews.delete(id);
    state.lastHtml.list = '';
    state.lastHtml.thread = '';
    renderMessages();
    return;
  }
  clearError();
  try {
    const response = await fetch(fileHref(id), { cache: 'no-store' });
    if (!response.ok) throw new Error(`The file could not be read (HTTP ${response.status}).`);
    state.previews.set(id, await response.text());
    state.lastHtml.list = '';
    state.lastHtml.thread = '';
    renderMessages();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  }
}

async function onClick(event) {
  const target = event.target instanceof Element ? event.target : null;
  const el = target?.closest('[data-act], [data-channel], [data-alert]');
  if (!el) return;
  if (el.dataset.channel) {
    state.channel = el.dataset.channel;
    state.thread = null;
    state.editing = null;
    await refresh();
    $('composer-text').focus();
    return;
  }
  if (el.dataset.alert) {
    const body = { channel: state.channel, source: el.dataset.alert, state: el.dataset.state };
    await act(() => api('alert', body));
    return;
  }
  const ts = messageTs(el);
  const channel = state.channel;
  switch (el.dataset.act) {
    case 'open-thread':
      state.thread = ts;
      state.lastHtml.thread = '';
      renderMessages();
      saveLocation();
      $('thread-text').focus();
      return;
    case 'react':
      await act(() => api('react', { channel, ts, as: state.as, name: el.dataset.name }));
      return;
    case 'toggle-reaction': {
      const remove = el.getAttribute('aria-pressed') === 'true';
      const body = { channel, ts, as: state.as, name: el.dataset.name };
      await act(() => api('react', remove ? { ...body, remove: true } : body));
      return;
    }
    case 'shortcut':
      await act(() =>
        api('shortcut', { channel, ts, as: state.as, callbackId: el.dataset.callbackId }),
      );
      return;
    case 'edit':
      startEdit(el.closest('article'), ts);
      return;
    case 'cancel-edit':
      cancelEdit();
      return;
    case 'delete':
      await act(() => api('delete', { channel, ts, as: state.as }));
      return;
    case 'preview-file':
      await togglePreview(el);
      return;
    case 'block-action': {
      // A URL button opens its link (the browser does that) and still tells the app, as Slack does.
      if (el.tagName !== 'A') event.preventDefault();
      const body = {
        channel,
        ts,
        as: state.as,
        actionId: el.dataset.actionId,
        blockId: el.dataset.blockId,
      };
      if (el.dataset.value !== undefined) body.value = el.dataset.value;
      await act(() => api('action', body));
      return;
    }
    default:
      return;
  }
}

async function onChange(event) {
  const el = event.target;
  if (!(el instanceof HTMLSelectElement)) return;
  if (el.id === 'as') {
    state.as = el.value;
    state.thread = null;
    state.editing = null;
    state.lastHtml.list = '';
    await refresh();
    return;
  }
  if (el.dataset.act === 'users-select' && el.value !== '') {
    const body = {
      channel: state.channel,
      ts: messageTs(el),
      as: state.as,
      actionId: el.dataset.actionId,
      blockId: el.dataset.blockId,
      selectedUser: el.value,
    };
    await act(() => api('action', body));
  }
}

function submitOnEnter(textarea, form) {
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

function start() {
  document.addEventListener('click', (event) => {
    void onClick(event);
  });
  document.addEventListener('change', (event) => {
    void onChange(event);
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    void send($('composer-text'), null);
  });
  $('thread-composer').addEventListener('submit', (event) => {
    event.preventDefault();
    void send($('thread-text'), state.thread);
  });
  submitOnEnter($('composer-text'), $('composer'));
  submitOnEnter($('thread-text'), $('thread-composer'));
  $('thread-close').addEventListener('click', () => {
    state.thread = null;
    renderMessages();
    saveLocation();
  });
  $('error-dismiss').addEventListener('click', clearError);
  void refresh().then(() => setTimeout(poll, POLL_MS));
}

start();
