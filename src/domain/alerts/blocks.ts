// Slack Block Kit as delivered in message events: only the parts a person reads as text.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return isRecord(value) && typeof value.text === 'string' ? value.text : null;
}

/** Text of header, section, context, markdown and rich_text blocks; buttons are left out. */
export function blockTexts(blocks: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (block.type === 'rich_text') out.push(...richText(block.elements));
    else if (block.type === 'context' && Array.isArray(block.elements)) {
      out.push(...block.elements.map(textOf).filter((t): t is string => t !== null));
    } else if (block.type !== 'actions') {
      const text = textOf(block.text);
      if (text !== null) out.push(text);
      if (Array.isArray(block.fields)) {
        out.push(...block.fields.map(textOf).filter((t): t is string => t !== null));
      }
    }
  }
  return out.filter((t) => t.trim() !== '');
}

/** Labels of the buttons a message offers, e.g. Sentry's `Resolve` and `Archive`. */
export function buttonLabels(blocks: readonly unknown[]): string[] {
  return blocks.filter(isRecord).flatMap((block) => {
    const elements =
      block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [];
    const accessory = isRecord(block.accessory) ? [block.accessory] : [];
    return [...elements, ...accessory]
      .filter((e) => isRecord(e) && e.type === 'button')
      .map((e) => (isRecord(e) ? textOf(e.text) : null))
      .filter((t): t is string => t !== null);
  });
}

function richText(elements: unknown): string[] {
  if (!Array.isArray(elements)) return [];
  return elements.filter(isRecord).flatMap((el) => {
    if (Array.isArray(el.elements) && el.type !== 'rich_text_section') return richText(el.elements);
    const inline = Array.isArray(el.elements) ? el.elements.filter(isRecord) : [];
    return [inline.map(richInline).join('')];
  });
}

function richInline(el: Record<string, unknown>): string {
  if (typeof el.text === 'string') return el.text;
  if (el.type === 'link' && typeof el.url === 'string') return el.url;
  if (el.type === 'emoji' && typeof el.name === 'string') return `:${el.name}:`;
  if (el.type === 'user' && typeof el.user_id === 'string') return `@${el.user_id}`;
  return '';
}
