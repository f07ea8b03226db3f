import { afterEach, beforeEach } from 'vitest';
import { connectSocketApp, type SocketApp } from './socket-app.ts';
import { type StandInFixture, useStandIn } from './test-fixture.ts';

export interface SocketFixture {
  fx: StandInFixture;
  /** A raw Socket Mode app connected to this test's stand-in (at `url` if given); closed after. */
  connected(url?: string): Promise<SocketApp>;
}

/**
 * A stand-in per test with ana (U1) in #inside beside the bot, and the raw Socket Mode apps the
 * test connects: each is closed after its test, so none outlives the stand-in it talks to.
 */
export function useSocketApps(): SocketFixture {
  const fx = useStandIn();
  const apps: SocketApp[] = [];
  beforeEach(() => {
    fx.slack.addUser({ id: 'U1', name: 'ana' });
    fx.slack.addChannel({ id: 'CIN', name: 'inside', members: ['U1', 'UBOT'] });
  });
  afterEach(() => {
    for (const app of apps.splice(0)) app.close();
  });
  return {
    fx,
    async connected(url) {
      const app = await connectSocketApp(fx.slack, url);
      apps.push(app);
      return app;
    },
  };
}
