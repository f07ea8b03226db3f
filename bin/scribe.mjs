#!/usr/bin/env node
// Runs the TypeScript CLI straight from source, like `npm start` does: there is no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
