// A strict enough XML 1.0 well-formedness check for the feeds we write (no parser is installed):
// one root element, tags nested and closed, attributes quoted, `&` only in an entity, `<` only
// in markup, no character XML cannot carry. Returns what is wrong, empty when nothing is.

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTRIBUTE = `\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*')`;
const TOKEN = new RegExp(
  [
    '<\\?xml[^?]*\\?>',
    '<!--[\\s\\S]*?-->',
    `<\\/(${NAME})\\s*>`,
    `<(${NAME})((?:${ATTRIBUTE})*)\\s*(\\/?)>`,
    '([^<]+)',
    '(<)',
  ].join('|'),
  'gy',
);
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!xml.startsWith('<?xml ')) problems.push('no XML declaration at the very start');
  if (NOT_XML_CHAR.test(xml)) problems.push('a character XML 1.0 cannot carry');
  const open: string[] = [];
  let roots = 0;
  let read = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match !== null; match = TOKEN.exec(xml)) {
    const [whole, closing, opening, attributes, selfClosing, text, stray] = match;
    read = match.index + whole.length;
    if (stray !== undefined) {
      problems.push(`a stray "<" at ${match.index}: ${xml.slice(match.index, match.index + 30)}`);
      break;
    }
    if (text !== undefined) {
      if (BAD_AMPERSAND.test(text)) problems.push(`a bare "&" in ${JSON.stringify(text)}`);
      if (open.length === 0 && text.trim() !== '') problems.push('text outside the root');
    } else if (closing !== undefined) {
      const expected = open.pop();
      if (expected !== closing) problems.push(`</${closing}> closes <${expected ?? 'nothing'}>`);
    } else if (opening !== undefined) {
      if (BAD_AMPERSAND.test(attributes ?? '')) problems.push(`a bare "&" in <${opening}>`);
      if (open.length === 0) roots += 1;
      if (selfClosing !== '/') open.push(opening);
    } else if (!whole.startsWith('<?xml') && !whole.startsWith('<!--')) {
      problems.push(`unexpected ${whole}`);
    }
  }
  if (read < xml.length && problems.length === 0) problems.push(`unreadable markup at ${read}`);
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
