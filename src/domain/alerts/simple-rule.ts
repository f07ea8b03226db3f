import type { AlertSignal } from '../types.ts';
import { parseAlert } from './index.ts';
import type { SlackMessageLike } from './shared.ts';

// The first alert rule lived here; callers still import from this path. The per-tool
// recognisers and the generic rule behind them are in ./index.ts.

export { isBotMessage, type SlackAttachmentLike, type SlackMessageLike } from './shared.ts';

export function detectAlert(m: SlackMessageLike): AlertSignal | null {
  return parseAlert(m);
}
