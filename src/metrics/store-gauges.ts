import { Counter, Gauge, type Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import { localDay } from '../domain/reminders.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../usecases/ports.ts';

type GaugeStore = {
  incidents: Pick<Store['incidents'], 'listOpen'>;
  reminders: Pick<Store['reminders'], 'candidates'>;
  postmortems: Pick<Store['postmortems'], 'due'>;
};

/**
 * Gauges read from the store when Prometheus scrapes, so they are never stale. A store that
 * throws (closed, locked) gives NaN and a counted error: the scrape still answers, and an
 * unknown is not passed off as zero.
 */
export function addStoreGauges(
  registry: Registry,
  deps: { store: GaugeStore; clock: Clock; timeZone: string; logger: Logger },
): void {
  const registers = [registry];
  // A scrape starts every collect in registration order, then awaits them all together: the
  // counter, registered last, waits for the gauges' reads so it counts this scrape's failures.
  const reading = new Set<Promise<void>>();
  const errors = new Counter({
    name: 'scribe_metrics_store_errors_total',
    help: 'Scrapes where a store-backed gauge could not be read',
    labelNames: ['gauge'],
    registers: [],
    async collect() {
      await Promise.all(reading);
    },
  });
  const gauge = (name: string, help: string, read: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const done = (async () => {
          try {
            this.set(await read());
          } catch (error) {
            errors.inc({ gauge: name });
            deps.logger.warn({ err: error, gauge: name }, 'could not read a gauge from the store');
            this.set(Number.NaN);
          }
        })();
        reading.add(done);
        return done.finally(() => reading.delete(done));
      },
    });
  const { store } = deps;
  gauge('scribe_open_incidents', 'Incidents declared and not yet resolved', async () => {
    return (await store.incidents.listOpen()).length;
  });
  gauge('scribe_overdue_actions', 'Open action items whose due date has passed', async () => {
    const today = localDay(deps.clock.now(), deps.timeZone);
    return (await store.reminders.candidates()).filter(
      ({ action }) => action.dueDate !== null && action.dueDate < today,
    ).length;
  });
  // Every pending draft, whether or not its next attempt is due yet.
  gauge('scribe_drafts_pending', 'Draft post-mortems Slack has not accepted yet', async () => {
    return (await store.postmortems.due(Number.MAX_SAFE_INTEGER)).length;
  });
  registry.registerMetric(errors);
}
