// `npm run bench` runs every benchmark; `npm run bench -- ingest draft` runs some (`pg`: the
// PostgreSQL figures beside SQLite's);
// `--quick` uses smaller sizes (a smoke run, not the figures the targets talk about).

import { cpus, totalmem } from 'node:os';
import { benchAckLatency } from './ack-latency.ts';
import { benchDraft } from './draft.ts';
import { benchRunningBotDraft } from './draft-running-bot.ts';
import { benchIngest } from './ingest.ts';
import { benchPostgresVsSqlite } from './postgres.ts';
import { say } from './shared.ts';
import { benchSite } from './site.ts';
import { benchStartup } from './startup.ts';

const BENCHMARKS: Record<string, (quick: boolean) => Promise<void>> = {
  ingest: benchIngest,
  ack: benchAckLatency,
  draft: benchDraft,
  'draft-bot': benchRunningBotDraft,
  startup: benchStartup,
  pg: benchPostgresVsSqlite,
  site: benchSite,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS)}`);
  process.exit(2);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
say(
  `# incident-scribe benchmarks${quick ? ' (--quick)' : ''}\n` +
    `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}\n`,
);
for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
  const started = Date.now();
  await BENCHMARKS[name]?.(quick);
  say(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
