import fc from 'fast-check';

/**
 * Shared generators for the property suite. Each property runs with a fixed seed so CI is
 * deterministic; a failure prints its counterexample, which then becomes an example test in
 * `regressions.test.ts` next to the fix.
 */

/** Fixed seed per property: the same runs on every machine. */
export function settings(seed: number, numRuns = 300): fc.Parameters<unknown> {
  return { seed, numRuns };
}

// Pieces that have a meaning somewhere in the pipeline: Slack control sequences and entities,
// Markdown and HTML structure, spreadsheet formula starters, and unicode that trips naive code.
export const NASTY_PIECES = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!Channel>',
  '<@U0ALICE>',
  '<@U123ABC|bob>',
  '<@W999>',
  '<!subteam^S0123|@oncall>',
  '<!subteam^S0123>',
  '<#C0123|general>',
  '<!date^1700000000^{date_short}|Nov 14>',
  '<https://example.com|label>',
  '<https://example.com/?a=1&amp;b=2>',
  '<https://example.com|@here>',
  '<mailto:a@here.example|mail>',
  '<javascript:alert(1)|click>',
  '<>',
  '<|>',
  '&lt;!channel&gt;',
  '&lt;@U0ALICE&gt;',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#39;',
  '&',
  '@channel',
  '@here',
  '@everyone',
  '@HERE',
  '_@here_',
  '*@channel*',
  'ops@here.example',
  '<',
  '>',
  '|',
  '\\',
  '\\|',
  '\\<',
  '`',
  '```',
  '~~~',
  '#',
  '## ',
  '> ',
  '- ',
  '1. ',
  '---',
  '[x](javascript:alert(1))',
  '![](https://tracker.example/p.gif)',
  '[ref]: javascript:alert(1)',
  '<script>alert(1)</script>',
  '</style><script>x</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(1)',
  'https://example.com/a_(b)',
  'https://example.com/"onmouseover="x',
  'http://x.example/<b>',
  '=HYPERLINK("http://evil.example","x")',
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '＝1',
  'U0ALICE',
  'C0INC',
  'Alice',
  'sev2',
  'sev5',
  'due',
  'tomorrow',
  'friday',
  'in 3d',
  'p1',
  'p9',
  '--channel',
  '—channel',
  '--force',
  'by',
  'ago',
  '14:05',
  '15m ago',
  'now',
  '2026-11-21',
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  '  ',
  '\u00a0',
  '\u2028',
  '\u200b',
  '\ufeff',
  '\u202e',
  '\u200f',
  'مرحبا',
  'שלום',
  'e\u0301',
  'Z\u0351\u0362\u0349',
  '🔥',
  '👩‍👩‍👧',
  '🏳️‍🌈',
  '\ud83d',
  '\ude00',
  '\ud800x',
  'x\udfff',
] as const;

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', ' ', ' ', '\n') },
);

/** Any text a person (or a tool) could send: mostly hostile pieces glued together. */
export const nastyText = (maxPieces = 24): fc.Arbitrary<string> =>
  fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));

/** Text that is never blank, for fields the model requires. */
export const nonBlankText = nastyText().filter((t) => t.trim() !== '');

/** Words separated by runs of whitespace, as slash-command text arrives. */
export const commandWords = (first: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\n', '\t'),
      first,
      fc.array(fc.tuple(fc.constantFrom(' ', '  ', '\n', ' \t'), nastyText(3)), { maxLength: 8 }),
    )
    .map(([lead, head, rest]) => lead + head + rest.map(([sep, w]) => sep + w).join(''));

/**
 * A few very long inputs (100k characters), built once. The parsers must answer them in bounded
 * time (no catastrophic regex backtracking): the bound is the test's time-out, never a measured
 * duration, which a busy machine would break. A backtracking pattern never finishes; a linear
 * one takes milliseconds.
 */
export const LONG_INPUTS: readonly string[] = [
  'a'.repeat(100_000),
  ' '.repeat(100_000),
  '<'.repeat(100_000),
  '&'.repeat(100_000),
  '<!channel>'.repeat(10_000),
  '🔥'.repeat(50_000),
  '\ud800'.repeat(100_000),
  '\u0000\n'.repeat(50_000),
  '1'.repeat(100_000),
  `${'1h '.repeat(33_333)}ago`,
  `in ${'9'.repeat(99_990)} days`,
  `${'2026-'.repeat(20_000)}`,
  '<@U1|'.repeat(20_000),
  'e\u0301'.repeat(50_000),
  'x '.repeat(50_000),
];

export const longInput = fc.constantFrom(...LONG_INPUTS);

export const TIME_ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

/** Known zones, and sometimes a string that names none. */
export const anyZone = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TIME_ZONES) },
  { weight: 1, arbitrary: fc.constantFrom('Mars/Olympus', '', 'utc+1', '\u0000', 'Europe/') },
  { weight: 1, arbitrary: nastyText(3) },
);

/** 2000-01-01 to 2099-12-31: any moment the bot could run at. */
export const realisticNow = fc.integer({ min: 946_684_800_000, max: 4_102_444_799_999 });

/** Realistic moments, and sometimes values no clock returns. */
export const anyNow = fc.oneof(
  { weight: 8, arbitrary: realisticNow },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      0,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      8.64e15,
      -8.64e15,
      8.64e15 + 1,
      Number.MAX_SAFE_INTEGER,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
);

/**
 * JSON as `JSON.parse` produces it (so `__proto__` is an own key, as in a real request body),
 * with keys that shadow Object.prototype and values that are hostile to naive stringification.
 */
export const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'toJSON',
    'length',
    '',
  ),
  fc.string({ maxLength: 6 }),
);

export function deepArray(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** A `rich_text` block whose elements nest `depth` levels: the alert recognisers recurse there. */
export function deepRichText(depth: number): unknown {
  const elements = JSON.parse(`${'[{"elements":'.repeat(depth)}[]${'}]'.repeat(depth)}`);
  return [{ type: 'rich_text', elements }];
}

export function deepObject(depth: number): unknown {
  return JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: nastyText(6) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      JSON.parse('{"toString":1,"valueOf":1}'),
      JSON.parse('[{"toString":1}]'),
      JSON.parse('{"__proto__":{"x":1}}'),
      deepArray(20_000),
      deepObject(20_000),
      'x'.repeat(100_000),
      1e308,
      -0,
      [],
      {},
    ),
  },
);

/** A JSON object with hostile keys and leaves, up to `depth` levels. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    jsonObject(tie('value'), 5),
  ),
})).value;

/**
 * An object as `JSON.parse` builds it: every key an own data property, `__proto__` included
 * (a literal or plain assignment would set the prototype instead).
 */
export function jsonObject(
  value: fc.Arbitrary<unknown>,
  maxKeys: number,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .array(fc.tuple(hostileKey, value), { maxLength: maxKeys })
    .map((entries) => Object.fromEntries(entries));
}
