import type { App } from '@slack/bolt';

/** True when `work` settles within `ms`. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every request Bolt dispatches, from its middleware to the end of its listeners (which go on
 * after the ack: a command's use case, its Slack calls and its writes), so a shutdown can wait
 * for them before the database closes.
 */
export function trackInFlight(app: App): { drain(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  });
  return {
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
