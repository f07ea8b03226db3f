import { parseArgs } from 'node:util';
import type { Clock } from '../clock.ts';
import { reasonOf } from '../store/postgres/url.ts';
import {
  checkEnds,
  countRows,
  ENGINE_NAMES,
  type EndSpec,
  type OpenedEnd,
  openEnd,
  parseEnd,
} from './copy-ends.ts';
import { SKIPPED_TABLES, schemaTables } from './copy-plan.ts';
import { copyTable } from './copy-rows.ts';
import { problemsOf, summaryLines, verifyCopy } from './copy-verify.ts';
import { CliError, parseUsage } from './usage.ts';

export interface CopyRequest {
  from: EndSpec;
  to: EndSpec;
}

/** The request, or null when help was asked for. */
export function parseCopy(args: string[]): CopyRequest | null {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return null;
  if (positionals.length > 0) {
    throw new CliError(`Unexpected argument "${positionals.join(' ')}".`, 2);
  }
  const from = values.from?.trim();
  const to = values.to?.trim();
  if (!from || !to) {
    throw new CliError(
      'copy needs --from <sqlite file | postgres url> and --to <postgres url | sqlite file>.',
      2,
    );
  }
  return { from: parseEnd('--from', from), to: parseEnd('--to', to) };
}

export interface CopyOutcome {
  /** The summary, for standard output. */
  lines: string[];
  /** Why the copy does not match its source; empty when it does. */
  problems: string[];
}

/**
 * Copies every table into an empty target in one transaction (all or nothing on either engine),
 * reading the source in one consistent snapshot, then verifies the committed copy.
 */
export async function runCopy(
  request: CopyRequest,
  clock: Clock,
  progress: (line: string) => void,
): Promise<CopyOutcome> {
  const { from, to } = request;
  checkEnds(from, to);
  const source = await openEnd(from);
  let target: OpenedEnd | undefined;
  try {
    target = await openEnd(to);
    const into = target;
    progress(`Copying ${source.describe} to ${into.describe} …`);
    await copyAll(source, into, progress);
    const verification = await verifyCopy(source, into, clock);
    const skipped = [...schemaTables(from.engine).keys()].filter((name) => name in SKIPPED_TABLES);
    const lines = [
      `Copied ${source.describe} (${ENGINE_NAMES[from.engine]}) to ${into.describe} ` +
        `(${ENGINE_NAMES[to.engine]}) in one transaction; rows per table:`,
      ...summaryLines(verification),
      ...skipped.map((name) => `Not copied: ${name} (${SKIPPED_TABLES[name]}).`),
    ];
    const problems = problemsOf(verification);
    if (problems.length === 0) {
      lines.push(
        `Verified: every table has as many rows as in the source, and the JSON export of each ` +
          `of the ${verification.incidents} incident(s) is identical on both sides.`,
      );
    }
    return { lines, problems };
  } finally {
    await target?.close();
    await source.close();
  }
}

/** Every table inside one write transaction over one read snapshot: all rows, or none. */
async function copyAll(
  source: OpenedEnd,
  target: OpenedEnd,
  progress: (line: string) => void,
): Promise<void> {
  try {
    await source.reading((reader) =>
      target.writing(async (writer) => {
        await refuseData(writer, target);
        // Both plans list COPIED_TABLES in its order: the i-th tables are the same table.
        for (const [i, planned] of source.plan.entries()) {
          const twin = target.plan[i];
          if (twin?.name !== planned.name) throw new Error(`copy plans differ at ${planned.name}`);
          const rows = await copyTable(reader, writer, planned, twin);
          progress(`  ${planned.name}: ${rows} rows`);
        }
      }),
    );
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `The copy failed and was rolled back: nothing was written to ${target.describe}. ` +
        `Why: ${reasonOf(error)}`,
      1,
    );
  }
}

/** Any row in any copied table refuses the target; the transaction then writes nothing. */
async function refuseData(writer: Parameters<typeof countRows>[0], target: OpenedEnd) {
  const counts = await countRows(writer, target.plan);
  const held = target.plan
    .map(({ name }, i) => ({ name, rows: counts[i] ?? 0 }))
    .filter(({ rows }) => rows > 0);
  if (held.length === 0) return;
  const list = held.map(({ name, rows }) => `${name}: ${rows}`).join(', ');
  throw new CliError(
    `${target.describe} already holds data (${list}); copy writes only into an empty ` +
      'database. Nothing was written.',
    1,
  );
}
