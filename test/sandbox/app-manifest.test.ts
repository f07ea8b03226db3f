import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_MANIFEST } from '../../src/sandbox/workspace-seed.ts';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string }>;
    shortcuts: Array<{ callback_id: string; type: string }>;
  };
  settings: { event_subscriptions: { bot_events: string[] } };
}

// The sandbox delivers only what Slack would deliver to the app manifest.yaml describes.
describe('the app the sandbox connects', () => {
  const manifest = parse(readFileSync('manifest.yaml', 'utf8')) as Manifest;

  it('has the manifest’s slash commands, message shortcuts and bot events', () => {
    expect([...APP_MANIFEST.commands]).toEqual(
      manifest.features.slash_commands.map((c) => c.command),
    );
    expect([...APP_MANIFEST.shortcuts]).toEqual(
      manifest.features.shortcuts.filter((s) => s.type === 'message').map((s) => s.callback_id),
    );
    expect([...APP_MANIFEST.events]).toEqual(manifest.settings.event_subscriptions.bot_events);
  });
});
