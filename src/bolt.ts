// Bolt's runtime parts that the bot uses, loaded without the ones it never does. `@slack/bolt`'s
// index loads every receiver Bolt ships, each with its dependencies: Express (ExpressReceiver),
// AWS Lambda's, Socket Mode's client with an HTTP stack of its own (undici), and the OAuth
// installer (jsonwebtoken, semver). In an HTTP-mode start that was about a third of the CPU spent
// before /healthz answered (docs/performance.md, "Start-up"). Types still come from
// '@slack/bolt' (`import type`); values that the bot's HTTP path needs come from here.
import Module, { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

const require = createRequire(import.meta.url);
/** Resolves as Bolt does: its dependencies are its own, not ours, and must be the same copies. */
export const boltRequire = createRequire(require.resolve('@slack/bolt'));

/**
 * Bolt's App requires both receivers it builds by itself, and each requires its client package
 * at load although only its constructor uses it: the Socket Mode client when the app runs in
 * Socket Mode, the OAuth installer when the receiver is given OAuth settings (never, here). Each is
 * put in the require cache as a stand-in that loads the real package at its first use, so an
 * HTTP-mode bot never loads them and a Socket Mode bot loads its client as the receiver is built.
 * A package that something loaded already is left alone.
 */
function loadOnFirstUse(specifier: string): void {
  const path = boltRequire.resolve(specifier);
  if (require.cache[path] !== undefined) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (real === undefined) {
      // Out of the cache first, so that this require loads the package and caches it for all.
      delete require.cache[path];
      real = boltRequire(specifier) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
    },
  );
  require.cache[path] = standIn;
}

loadOnFirstUse('@slack/socket-mode');
loadOnFirstUse('@slack/oauth');

// Each value has a type of the same name, so `import { App } from './bolt.ts'` reads like the
// import from '@slack/bolt' that it replaces.
export const App: typeof Bolt.App = boltRequire('./App.js').default;
export type App = Bolt.App;
export const HTTPReceiver: typeof Bolt.HTTPReceiver = boltRequire(
  './receivers/HTTPReceiver.js',
).default;
export type HTTPReceiver = Bolt.HTTPReceiver;
/** The parts Bolt exports for custom receivers (src/http/deliver-event.ts). */
export const HTTPResponseAck: typeof Bolt.HTTPResponseAck = boltRequire(
  './receivers/HTTPResponseAck.js',
).HTTPResponseAck;
export type HTTPResponseAck = Bolt.HTTPResponseAck;
export const HTTPModuleFunctions: typeof Bolt.HTTPModuleFunctions = boltRequire(
  './receivers/HTTPModuleFunctions.js',
);
/** The Web API package that Bolt's clients are made of (what '@slack/bolt' exports as webApi). */
export const webApi: typeof Bolt.webApi = boltRequire('@slack/web-api');
export declare namespace webApi {
  type WebClient = Bolt.webApi.WebClient;
  type WebClientOptions = Bolt.webApi.WebClientOptions;
}
