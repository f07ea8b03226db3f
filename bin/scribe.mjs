#!/usr/bin/env node
// `scribe`: the compiled CLI (dist/, built by `npm ci`) when it is current; otherwise straight from
// the TypeScript sources through tsx, so a checkout being edited never runs an older build.
import { distProblem } from './dist.mjs';

if (distProblem() === null) {
  await import('../dist/cli/main.js');
} else {
  const { fileURLToPath } = await import('node:url');
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/cli/main.ts');
}
