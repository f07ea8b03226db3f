export * from './category.ts';
export * from './mrkdwn.ts';
export * from './plan.ts';
export * from './purpose.ts';
export * from './suggest.ts';
export * from './tags.ts';
export * from './types.ts';
