// Bolt's Socket Mode receiver and its route builder, from Bolt's own folder as src/bolt.ts loads
// its HTTP parts: importing them from '@slack/bolt' would load its index, and with it Express and
// every other receiver. Only src/slack/socket-receiver.ts imports this, and only a Socket Mode
// start loads that.
import type * as Bolt from '@slack/bolt';
import { boltRequire } from './bolt.ts';

export const SocketModeReceiver: typeof Bolt.SocketModeReceiver = boltRequire(
  './receivers/SocketModeReceiver.js',
).default;
export type SocketModeReceiver = Bolt.SocketModeReceiver;
export const buildReceiverRoutes: typeof Bolt.buildReceiverRoutes = boltRequire(
  './receivers/custom-routes.js',
).buildReceiverRoutes;
