import { isRecord } from './request-body.ts';

/** An interactive element of a message, as Block Kit describes it. */
export interface Control {
  type: string;
  action_id: string;
  value?: string;
  url?: string;
}

/**
 * The element with `actionId` in the block `blockId`: in an actions block's elements or as a
 * section's accessory. A block without a block_id matches any (Slack would have given it a
 * random one the person cannot know).
 */
export function findControl(
  blocks: unknown[] | undefined,
  actionId: string,
  blockId: string,
): Control | null {
  for (const block of blocks ?? []) {
    if (!isRecord(block)) continue;
    if (block.block_id !== undefined && block.block_id !== blockId) continue;
    const elements = Array.isArray(block.elements) ? block.elements : [];
    const candidates = [...elements, block.accessory, block.element];
    const found = candidates.find(
      (e): e is Record<string, unknown> => isRecord(e) && e.action_id === actionId,
    );
    if (found) return toControl(found);
  }
  return null;
}

function toControl(element: Record<string, unknown>): Control {
  const control: Control = {
    type: String(element.type ?? 'button'),
    action_id: String(element.action_id),
  };
  if (typeof element.value === 'string') control.value = element.value;
  if (typeof element.url === 'string') control.url = element.url;
  return control;
}
