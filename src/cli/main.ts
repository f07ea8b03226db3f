import { existsSync } from 'node:fs';
import { systemClock } from '../clock.ts';
import { backupDatabase, backupLine, backupSource, parseBackup } from './backup.ts';
import { parseCopy, runCopy } from './copy.ts';
import { databaseSettingsOf } from './database.ts';
import {
  checkOutPath,
  type ExportSettings,
  exportDocument,
  exportSettings,
  parseExport,
  writeDocument,
} from './export.ts';
import { parseImport, runImport } from './import.ts';
import { parseReview, parseStats, reviewDocument, statsDocument } from './stats.ts';
import { CliError, USAGE } from './usage.ts';

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

// `scribe export … | head` closes the pipe early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const [first, ...rest] = process.argv.slice(2);
// The sandbox runs until stopped; the other commands finish on their own. It is loaded only when
// asked for: export, import and backup need none of the stand-in's modules.
if (first === 'sandbox') {
  const { sandboxCommand } = await import('./sandbox.ts');
  process.exit(await sandboxCommand(rest));
} else process.exitCode = await run(process.argv.slice(2));

async function run(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'export':
        return await exportCommand(rest);
      case 'import':
        return await importCommand(rest);
      case 'backup':
        return await backupCommand(rest);
      case 'copy':
        return await copyCommand(rest);
      case 'stats':
        return await documentCommand(withOut(parseStats(rest)), (request, settings) =>
          statsDocument(request, settings, systemClock),
        );
      case 'review':
        return await documentCommand(withOut(parseReview(rest)), (request, settings) =>
          reviewDocument(request, settings, systemClock),
        );
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return 0;
      case undefined:
        err(USAGE);
        return 2;
      default:
        throw new CliError(`Unknown command "${command}".`, 2);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    err(`scribe: ${error.message}\n`);
    if (error.exitCode === 2) err(`\n${USAGE}`);
    return error.exitCode;
  }
}

function exportCommand(args: string[]): Promise<number> {
  return documentCommand(parseExport(args), (request, settings) =>
    exportDocument(request, settings, systemClock),
  );
}

function importCommand(args: string[]): Promise<number> {
  return documentCommand(parseImport(args), async (request, settings) => {
    const { document, report } = await runImport(request, settings, systemClock, (line) =>
      err(`${line}\n`),
    );
    err(`${report.join('\n')}\n`);
    return document;
  });
}

async function backupCommand(args: string[]): Promise<number> {
  const request = parseBackup(args);
  if (request === null) {
    out(USAGE);
    return 0;
  }
  loadDotEnv();
  // Only the database: a backup must not fail over a setting it does not use (SCRIBE_TIMEZONE).
  const databasePath = backupSource(databaseSettingsOf(process.env));
  const report = await backupDatabase(databasePath, request);
  out(`${backupLine(databasePath, request.target, report)}\n`);
  return 0;
}

/** Both ends are named on the command line: no .env, no DATABASE_URL. */
async function copyCommand(args: string[]): Promise<number> {
  const request = parseCopy(args);
  if (request === null) {
    out(USAGE);
    return 0;
  }
  const { lines, problems } = await runCopy(request, systemClock, (line) => err(`${line}\n`));
  out(`${lines.join('\n')}\n`);
  if (problems.length === 0) return 0;
  throw new CliError(
    `The copy does not match its source:\n  ${problems.join('\n  ')}\nIt was committed: empty ` +
      'the target (or remove the file) before trying again, with no bot writing to the source.',
    1,
  );
}

/** stats and review always print to standard output. */
function withOut<R>(request: R | null): (R & { out: null }) | null {
  return request === null ? null : { ...request, out: null };
}

/** Read after parsing: --help and wrong usage need no database or .env. */
function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** Shared by export and import: help, settings, the output path checked first, then the work. */
async function documentCommand<R extends { out: string | null }>(
  request: R | null,
  produce: (request: R, settings: ExportSettings) => string | Promise<string>,
): Promise<number> {
  if (request === null) {
    out(USAGE);
    return 0;
  }
  loadDotEnv();
  const settings = exportSettings(process.env);
  if (request.out !== null) checkOutPath(request.out);
  const document = await produce(request, settings);
  if (request.out === null) {
    out(document);
  } else {
    err(`${writeDocument(request.out, document)}\n`);
  }
  return 0;
}
