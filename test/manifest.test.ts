import { readFileSync } from 'node:fs';
import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLogger } from '../src/logger.ts';
import { registerListeners } from '../src/slack/listeners/index.ts';
import { ADD_TO_TIMELINE } from '../src/slack/listeners/shortcuts/add-to-timeline.ts';
import { CREATE_ACTION } from '../src/slack/listeners/shortcuts/create-action.ts';
import type { Deps } from '../src/usecases/ports.ts';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; should_escape: boolean; url: string }>;
    shortcuts: Array<{ callback_id: string; type: string }>;
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string } };
}

const manifest = parse(readFileSync('manifest.yaml', 'utf8')) as Manifest;

/** The slash commands the app really listens to, read off a Bolt app with our listeners. */
function registeredCommands(): string[] {
  const app = new App({ token: 'xoxb-x', signingSecret: 's', tokenVerificationEnabled: false });
  const names: string[] = [];
  const original = app.command.bind(app);
  app.command = ((name: string, ...rest: unknown[]) => {
    names.push(name);
    return (original as (...a: unknown[]) => unknown)(name, ...rest);
  }) as typeof app.command;
  registerListeners(app, { logger: createLogger('silent') } as unknown as Deps);
  return names;
}

describe('manifest.yaml', () => {
  it('declares exactly the slash commands the bot handles, with user escaping on', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c) => c.command).sort()).toEqual(registeredCommands().sort());
    for (const c of commands) {
      expect(c.should_escape).toBe(true);
      expect(c.url).toMatch(/\/slack\/events$/);
    }
  });

  it('subscribes to messages, 📌 reactions and pins in public and private channels', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([
        'message.channels',
        'message.groups',
        'reaction_added',
        'reaction_removed',
        'pin_added',
        'pin_removed',
      ]),
    );
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
  });

  it('offers the message shortcuts the bot handles', () => {
    expect(manifest.features.shortcuts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ callback_id: ADD_TO_TIMELINE, type: 'message' }),
        expect.objectContaining({ callback_id: CREATE_ACTION, type: 'message' }),
      ]),
    );
  });

  it('asks for the scopes the Web API calls need', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'channels:history',
        'groups:history',
        'channels:join',
        'channels:manage',
        'groups:write',
        'users:read',
        'reactions:read',
        'pins:read',
        'im:write',
        'files:write',
        'files:read',
      ]),
    );
  });
});

describe('manifest.yaml for the incident library', () => {
  it('signs people in with Slack and may ask which private channels they are in', () => {
    expect(manifest.oauth_config.scopes.user).toEqual(['openid', 'profile']);
    expect(manifest.oauth_config.redirect_urls).toEqual([
      'https://scribe.example.com/auth/callback',
    ]);
    expect(manifest.oauth_config.scopes.bot).toContain('groups:read');
  });
});

describe('manifest-socket.yaml', () => {
  const socket = parse(readFileSync('manifest-socket.yaml', 'utf8')) as Manifest & {
    settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
  };
  /** What the app declares, without where Slack sends it. */
  const declared = (m: Manifest) => ({
    commands: m.features.slash_commands.map(({ url: _url, ...rest }) => rest),
    shortcuts: m.features.shortcuts,
    scopes: m.oauth_config.scopes,
    events: m.settings.event_subscriptions.bot_events,
  });

  it('declares the same commands, shortcuts, scopes and events as manifest.yaml', () => {
    expect(declared(socket)).toEqual(declared(manifest));
  });

  it('turns Socket Mode on and names no URL at all', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.interactivity.is_enabled).toBe(true);
    expect(readFileSync('manifest-socket.yaml', 'utf8')).not.toMatch(/^[^#]*(url|https?:)/im);
  });
});
