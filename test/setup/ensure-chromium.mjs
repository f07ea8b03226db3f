// The browser test drives Debian's Chromium (never a downloaded one). `npm test` runs this first so a
// fresh machine needs nothing beyond `npm ci && npm test`: it installs the package when it is missing
// and we may (root, or password-less sudo), and otherwise says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.SCRIBE_CHROMIUM || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const asRoot = process.getuid?.() === 0;
  const run = (args) =>
    execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    console.error(`${CHROMIUM} is missing; installing Debian's chromium for the browser test…`);
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  } catch {
    console.error(
      'The browser test needs Chromium. Install it with `sudo apt-get install chromium`, ' +
        'or point SCRIBE_CHROMIUM at a Chromium binary.',
    );
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`apt-get finished but ${CHROMIUM} is still missing; set SCRIBE_CHROMIUM.`);
    process.exit(1);
  }
}
