// Bolt's Socket Mode receiver and its route builder, from Bolt's own folder as src/bolt.ts loads
// its HTTP parts: importing them from '@slack/bolt' would load its index, and with it Express and
// every other receiver. Only src/slack/socket-receiver.ts imports this, and only a Socket Mode
// start loads that.
import { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

const require = createRequire(import.meta.url);
const boltRequire = createRequire(require.resolve('@slack/bolt'));

export const SocketModeReceiver: typeof Bolt.SocketModeReceiver = boltRequire(
  './receivers/SocketModeReceiver.js',
).default;
export type SocketModeReceiver = Bolt.SocketModeReceiver;
export const buildReceiverRoutes: typeof Bolt.buildReceiverRoutes = boltRequire(
  './receivers/custom-routes.js',
).buildReceiverRoutes;
