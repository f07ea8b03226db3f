// Worker threads start without the TypeScript loader the app runs under (and under vitest there
// is none to inherit): register tsx here, then run the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./draft-worker.ts');
