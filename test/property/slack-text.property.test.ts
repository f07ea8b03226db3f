import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentChannelName } from '../../src/domain/channel-name.ts';
import {
  condense,
  escapeMrkdwn,
  plainToSafeMrkdwn,
  plainToSafePlainText,
  slackToPlain,
  slackToSafeMrkdwn,
} from '../../src/domain/slack-text.ts';
import type { PeopleDirectory } from '../../src/domain/types.ts';
import { LONG_INPUTS, nastyText, realisticNow, settings, TIME_ZONES } from './arbitraries.ts';
import { expectSafeMrkdwn, expectSafePlainText } from './invariants.ts';

// Display names are chosen by people too, so the directory is hostile as well.
const directory: fc.Arbitrary<PeopleDirectory> = fc
  .array(fc.tuple(fc.constantFrom('U0ALICE', 'U123ABC', 'W999', 'S0123'), nastyText(4)), {
    maxLength: 4,
  })
  .map((entries) => new Map(entries));

describe('slackToSafeMrkdwn (quoteUserText, every announcement of user text)', () => {
  it('never lets a mention, broadcast or stray markup through', () => {
    fc.assert(
      fc.property(nastyText(), directory, (text, people) => {
        expectSafeMrkdwn(slackToSafeMrkdwn(text, people));
      }),
      settings(101, 2000),
    );
  });

  it('is idempotent: neutralising twice is neutralising once', () => {
    fc.assert(
      fc.property(nastyText(), directory, (text, people) => {
        const once = slackToSafeMrkdwn(text, people);
        expect(slackToSafeMrkdwn(once, people)).toBe(once);
      }),
      settings(102, 1000),
    );
  });

  it('handles 100k-character input in bounded time', () => {
    for (const text of LONG_INPUTS) {
      expectSafeMrkdwn(slackToSafeMrkdwn(text, new Map()));
    }
  });
});

describe('plainToSafeMrkdwn and escapeMrkdwn (names, titles, alert fields)', () => {
  it('turn any plain text into mrkdwn without controls', () => {
    fc.assert(
      fc.property(nastyText(), (plain) => {
        const safe = plainToSafeMrkdwn(plain);
        expectSafeMrkdwn(safe);
        expect(safe).not.toMatch(/[<>]/);
        expect(escapeMrkdwn(plain)).not.toMatch(/[<>]/);
      }),
      settings(103, 1000),
    );
  });

  it('escapeMrkdwn round-trips through slackToPlain', () => {
    fc.assert(
      fc.property(nastyText(), (plain) => {
        expect(slackToPlain(escapeMrkdwn(plain), new Map())).toBe(plain);
      }),
      settings(104, 1000),
    );
  });
});

describe('slackToPlain', () => {
  it('is the identity on text without Slack markup', () => {
    fc.assert(
      fc.property(nastyText(), (text) => {
        const bare = text.replace(/[<>&]/g, '');
        expect(slackToPlain(bare, new Map())).toBe(bare);
      }),
      settings(105, 500),
    );
  });

  it('never throws and answers 100k input in bounded time', () => {
    fc.assert(
      fc.property(nastyText(), (text) => {
        expect(typeof slackToPlain(text, new Map([['U0ALICE', 'Alice']]))).toBe('string');
      }),
      settings(106, 500),
    );
    for (const text of LONG_INPUTS) slackToPlain(text, new Map());
  });
});

describe('plainToSafePlainText (Block Kit headers)', () => {
  it('leaves nothing that reads as a mention, and is idempotent', () => {
    fc.assert(
      fc.property(nastyText(), (plain) => {
        const safe = plainToSafePlainText(plain);
        expectSafePlainText(safe);
        expect(plainToSafePlainText(safe)).toBe(safe);
      }),
      settings(107, 1000),
    );
  });
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('condense', () => {
  it('gives one line of at most `max` characters, keeps pairs whole, and is idempotent', () => {
    fc.assert(
      fc.property(nastyText(), fc.integer({ min: 0, max: 60 }), (text, max) => {
        const out = condense(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\n\r\u2028]/);
        expect(condense(out, max)).toBe(out);
        // A cut never leaves half an emoji behind when the input had none.
        if (!LONE_SURROGATE.test(text)) expect(out).not.toMatch(LONE_SURROGATE);
      }),
      settings(108, 2000),
    );
  });
});

describe('incidentChannelName', () => {
  it('is always a valid Slack channel name of at most 80 characters', () => {
    fc.assert(
      fc.property(
        nastyText(),
        realisticNow,
        fc.constantFrom(...TIME_ZONES),
        fc.integer({ min: 1, max: 10_000 }),
        (title, now, zone, attempt) => {
          const name = incidentChannelName(title, now, zone, attempt);
          expect(name).toMatch(/^inc-\d{8}(?:-[a-z0-9]+)*$/);
          expect(name.length).toBeLessThanOrEqual(80);
          if (attempt > 1) expect(name.endsWith(`-${attempt}`)).toBe(true);
        },
      ),
      settings(109, 1000),
    );
  });

  it('handles 100k-character titles in bounded time', () => {
    for (const title of LONG_INPUTS) {
      const name = incidentChannelName(title, 1_800_000_000_000, 'UTC');
      expect(name.length).toBeLessThanOrEqual(80);
    }
  });
});
