export * from './action-command.ts';
export * from './incident-command.ts';
export type { DetectedBy } from './incident-times.ts';
export * from './lead-command.ts';
export * from './mentions.ts';
export * from './usage.ts';
