import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MountedHandler, Refusal, type SlackStandIn } from '../stand-in/index.ts';
import { injectAlert } from './alerts.ts';
import {
  BadRequest,
  checkHost,
  jsonBody,
  optionalFlag,
  optionalText,
  param,
  sendJson,
  text,
} from './http.ts';
import { serveAsset, servePage, serveUpload } from './static.ts';
import { alertSourcesView, channelsView, messagesView, usersView } from './views.ts';

// The routes under /sandbox (docs/sandbox.md): the page, its assets, uploaded files and the JSON
// API through which the page acts as the people of the workspace.

type Body = Record<string, unknown>;
type Get = (url: URL) => Record<string, unknown>;
type Post = (body: Body) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface SandboxPageInfo {
  /** The line shown at the top of the page. */
  notice(): string;
  /** The bot's incident library, once the bot listens. */
  library(): string | null;
}

export function sandboxRoutes(slack: SlackStandIn, info: SandboxPageInfo): MountedHandler {
  const { workspace, people } = slack;
  // Answer once the app has been handed the events this action caused, as Slack's client would
  // show the message sent before the next one is typed.
  const delivered = async () => {
    await slack.app?.idle();
  };
  const isPerson = (id: unknown): id is string => {
    const user = typeof id === 'string' ? workspace.users.get(id) : undefined;
    return user !== undefined && !user.isBot;
  };
  // Signing in to the incident library from here signs in as whoever the page acts as.
  const acting = (id: unknown) => {
    if (isPerson(id)) slack.actingUser = id;
  };
  const viewer = (as: string) => {
    if (!isPerson(as)) throw new BadRequest(404, `There is no person with the id "${as}".`);
    acting(as);
    return as;
  };

  const gets: Record<string, Get> = {
    version: () => ({ version: workspace.feed.version }),
    state: (url) => {
      const as = viewer(param(url, 'as'));
      const { teamId, teamName, teamDomain, botUserId } = workspace.identity;
      return {
        version: workspace.feed.version,
        team: { id: teamId, name: teamName, domain: teamDomain },
        botUserId,
        notice: info.notice(),
        library: info.library(),
        users: usersView(workspace),
        channels: channelsView(workspace, as),
        alertSources: alertSourcesView(),
      };
    },
    messages: (url) => {
      const as = viewer(param(url, 'as'));
      const channel = param(url, 'channel');
      if (!channelsView(workspace, as).some((c) => c.id === channel)) {
        throw new BadRequest(404, `There is no conversation "${channel}" that ${as} can see.`);
      }
      return { version: workspace.feed.version, messages: messagesView(workspace, channel, as) };
    },
  };

  const posts: Record<string, Post> = {
    send: async (b) => {
      const input = { channel: text(b, 'channel'), user: text(b, 'as'), text: text(b, 'text') };
      const threadTs = optionalText(b, 'threadTs');
      if (input.text.trim().startsWith('/')) {
        await people.command(input);
        return {};
      }
      const message = people.post(threadTs ? { ...input, threadTs } : input);
      await delivered();
      return { ts: message.ts };
    },
    alert: async (b) => {
      const ts = injectAlert(workspace, {
        channel: text(b, 'channel'),
        source: text(b, 'source'),
        state: text(b, 'state'),
      });
      await delivered();
      return { ts };
    },
    react: async (b) => {
      people.react({ ...target(b), name: text(b, 'name'), remove: optionalFlag(b, 'remove') });
      await delivered();
      return {};
    },
    edit: async (b) => {
      people.edit({ ...target(b), text: text(b, 'text') });
      await delivered();
      return {};
    },
    delete: async (b) => {
      people.delete(target(b));
      await delivered();
      return {};
    },
    action: async (b) => {
      const value = optionalText(b, 'value');
      const selectedUser = optionalText(b, 'selectedUser');
      await people.click({
        ...target(b),
        actionId: text(b, 'actionId'),
        blockId: text(b, 'blockId'),
        ...(value !== undefined ? { value } : {}),
        ...(selectedUser !== undefined ? { selectedUser } : {}),
      });
      return {};
    },
    shortcut: async (b) => {
      await people.shortcut({ ...target(b), callbackId: text(b, 'callbackId') });
      return {};
    },
  };

  return async (req, res, url) => {
    try {
      checkHost(req);
      await route(req, res, url);
    } catch (error) {
      if (error instanceof BadRequest || error instanceof Refusal) {
        return sendJson(res, error.status, { ok: false, error: error.message });
      }
      const detail = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { ok: false, error: `The sandbox failed: ${detail}` });
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/sandbox/api/')) {
      const name = path.slice('/sandbox/api/'.length);
      const get = gets[name];
      const post = posts[name];
      if (!get && !post) throw new BadRequest(404, `There is no sandbox API "${name}".`);
      if (get && method === 'GET') return sendJson(res, 200, { ok: true, ...get(url) });
      if (post && method === 'POST') {
        const body = await jsonBody(req);
        acting(body.as);
        return sendJson(res, 200, { ok: true, ...(await post(body)) });
      }
      throw new BadRequest(405, `Use ${get ? 'GET' : 'POST'} for /sandbox/api/${name}.`);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new BadRequest(405, 'Use GET here.');
    if (path === '/sandbox' || path === '/sandbox/') return servePage(res);
    if (path.startsWith('/sandbox/assets/')) {
      return serveAsset(res, path.slice('/sandbox/assets/'.length));
    }
    const file = /^\/sandbox\/files\/([^/]+)$/.exec(path)?.[1];
    if (file !== undefined) return serveUpload(res, workspace, file);
    throw new BadRequest(404, `Nothing at ${path}.`);
  }
}

function target(b: Body): { channel: string; ts: string; user: string } {
  return { channel: text(b, 'channel'), ts: text(b, 'ts'), user: text(b, 'as') };
}
