// Types of bin/dist.mjs for the TypeScript that imports it (tests, benchmarks).
export const ROOT: string;
export const DIST: string;
export const STAMP: string;
export function distProblem(root?: string): string | null;
