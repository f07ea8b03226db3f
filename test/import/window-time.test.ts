import { describe, expect, it } from 'vitest';
import { parseBound } from '../../src/import/window-time.ts';

const utc = (iso: string) => Date.parse(iso);

describe('parseBound', () => {
  it('reads ISO 8601 with Z or an offset', () => {
    expect(parseBound('2026-03-12T13:52:41Z', 'from', 'UTC')).toEqual({
      ok: true,
      at: utc('2026-03-12T13:52:41Z'),
    });
    expect(parseBound('2026-03-12T14:52+01:00', 'from', 'Asia/Tokyo')).toEqual({
      ok: true,
      at: utc('2026-03-12T13:52:00Z'),
    });
  });

  it('reads a wall time in the zone given', () => {
    expect(parseBound('2026-03-12 14:52', 'from', 'Europe/Berlin')).toEqual({
      ok: true,
      at: utc('2026-03-12T13:52:00Z'),
    });
  });

  it('makes --to inclusive to the precision typed', () => {
    expect(parseBound('2026-03-12 14:52', 'to', 'UTC')).toEqual({
      ok: true,
      at: utc('2026-03-12T14:52:59.999Z'),
    });
    expect(parseBound('2026-03-12T14:52:30Z', 'to', 'UTC')).toEqual({
      ok: true,
      at: utc('2026-03-12T14:52:30.999Z'),
    });
    expect(parseBound('2026-03-12', 'to', 'UTC')).toEqual({
      ok: true,
      at: utc('2026-03-12T23:59:59.999Z'),
    });
    expect(parseBound('2026-03-12T14:52:30.250Z', 'to', 'UTC')).toEqual({
      ok: true,
      at: utc('2026-03-12T14:52:30.250Z'),
    });
  });

  it('widens a wall time the clocks showed twice: --from the first, --to the second', () => {
    expect(parseBound('2026-10-25 02:30', 'from', 'Europe/Berlin')).toEqual({
      ok: true,
      at: utc('2026-10-25T00:30:00Z'),
    });
    expect(parseBound('2026-10-25 02:30', 'to', 'Europe/Berlin')).toEqual({
      ok: true,
      at: utc('2026-10-25T01:30:59.999Z'),
    });
  });

  it('refuses what is not a time, not a real date, or skipped by the clocks', () => {
    expect(parseBound('yesterday', 'from', 'UTC')).toMatchObject({ ok: false });
    expect(parseBound('2026-02-30 10:00', 'from', 'UTC')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a real date'),
    });
    expect(parseBound('2026-03-12 24:00', 'from', 'UTC')).toMatchObject({ ok: false });
    expect(parseBound('2026-03-29 02:30', 'from', 'Europe/Berlin')).toMatchObject({
      ok: false,
      error: expect.stringContaining('jumped'),
    });
    expect(parseBound('2026-03-12T10:00+25:00', 'from', 'UTC')).toMatchObject({ ok: false });
  });
});
