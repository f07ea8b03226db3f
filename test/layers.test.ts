import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layer rule lives in biome.json (noRestrictedImports per folder); this runs the real Biome
// with that configuration over probe files laid out like src/, so a rule that stops matching
// (a renamed folder, a changed glob) fails here rather than silently letting imports through.
const BIOME = resolve('node_modules/@biomejs/biome/bin/biome');

/** Each probe: a file in a layer folder, and one import that must or must not be refused. */
const PROBES: ReadonlyArray<{ file: string; from: string; refused: boolean }> = [
  { file: 'src/domain/probe.ts', from: '../usecases/ports.ts', refused: true },
  { file: 'src/domain/probe.ts', from: '../clock.ts', refused: true },
  { file: 'src/domain/probe.ts', from: 'node:fs', refused: true },
  { file: 'src/domain/probe.ts', from: './types.ts', refused: false },
  { file: 'src/domain/probe.ts', from: 'date-fns/format', refused: false },
  {
    file: 'src/domain/postmortem/probe.ts',
    from: '../../slack/blocks/slack-block.ts',
    refused: true,
  },
  { file: 'src/domain/postmortem/probe.ts', from: '../types.ts', refused: false },
  { file: 'src/usecases/probe.ts', from: '../slack/blocks/reminder.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../jobs/draft-thread.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../integrations/github/client.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../store/db.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../store/postgres/index.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../http/hooks.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '../cli/main.ts', refused: true },
  { file: 'src/usecases/probe.ts', from: '@slack/bolt', refused: true },
  { file: 'src/usecases/probe.ts', from: 'better-sqlite3', refused: true },
  { file: 'src/usecases/probe.ts', from: './store-port.ts', refused: false },
  { file: 'src/usecases/probe.ts', from: '../domain/types.ts', refused: false },
  { file: 'src/usecases/probe.ts', from: '../clock.ts', refused: false },
  { file: 'src/slack/listeners/commands/probe.ts', from: '../../../store/db.ts', refused: true },
  {
    file: 'src/slack/listeners/commands/probe.ts',
    from: '../../../usecases/ports.ts',
    refused: false,
  },
  { file: 'src/slack/probe.ts', from: '../jobs/draft-thread.ts', refused: true },
  { file: 'src/jobs/probe.ts', from: '../store/index.ts', refused: true },
  { file: 'src/jobs/probe.ts', from: '../slack/notifier.ts', refused: true },
  { file: 'src/jobs/probe.ts', from: '../usecases/ports.ts', refused: false },
  { file: 'src/jobs/draft-worker.ts', from: '../store/index.ts', refused: false },
  { file: 'src/jobs/draft-worker.ts', from: '../slack/notifier.ts', refused: true },
  { file: 'src/integrations/github/probe.ts', from: '../../slack/notifier.ts', refused: true },
  { file: 'src/integrations/github/probe.ts', from: '../../usecases/ports.ts', refused: false },
  { file: 'src/http/probe.ts', from: '../store/db.ts', refused: true },
  { file: 'src/web/probe.ts', from: '../store/db.ts', refused: true },
  { file: 'src/metrics/probe.ts', from: '../store/db.ts', refused: true },
  { file: 'src/bot.ts', from: './store/db.ts', refused: false },
  { file: 'src/cli/probe.ts', from: '../store/db.ts', refused: false },
];

let dir: string;
/** "file:line" of every import Biome refused with noRestrictedImports. */
let refused: Set<string>;
/** Where each probe's import landed: "file:line". */
const lineOf = new Map<(typeof PROBES)[number], string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-layers-'));
  const config = JSON.parse(readFileSync('biome.json', 'utf8')) as Record<string, unknown>;
  // The temporary folder is no git checkout; everything else is the project's configuration.
  delete config.vcs;
  delete config.$schema;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  const files = new Map<string, string[]>();
  for (const probe of PROBES) {
    const lines = files.get(probe.file) ?? [];
    lines.push(`import '${probe.from}';`);
    files.set(probe.file, lines);
    lineOf.set(probe, `${probe.file}:${lines.length}`);
  }
  for (const [file, lines] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
  }
  const output = await new Promise<string>((done) => {
    execFile(
      process.execPath,
      [BIOME, 'lint', '--max-diagnostics=none', '--colors=off', 'src'],
      { cwd: dir },
      (_error, stdout, stderr) => done(`${stdout}\n${stderr}`),
    );
  });
  const found = [...output.matchAll(/^(\S+):(\d+):\d+ lint\/style\/noRestrictedImports/gm)];
  refused = new Set(found.map((m) => `${m[1]?.replaceAll('\\', '/')}:${m[2]}`));
  if (refused.size === 0 && !output.includes('Checked'))
    throw new Error(`Biome failed:\n${output}`);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the layer rule in biome.json', () => {
  for (const probe of PROBES) {
    const verdict = probe.refused ? 'refuses' : 'allows';
    it(`${verdict} ${probe.from} in ${probe.file}`, () => {
      expect(refused.has(lineOf.get(probe) ?? '')).toBe(probe.refused);
    });
  }
});
