import { describe, expect, it } from 'vitest';
import { parseAlert, RECOGNISERS } from '../../../src/domain/alerts/index.ts';
import { ALERT_SOURCES } from '../../../src/domain/types.ts';
import { fixture, fixtureNames, person } from './fixtures.ts';

describe('RECOGNISERS', () => {
  it('has one recogniser per source, the generic rule last', () => {
    expect(RECOGNISERS.map((r) => r.source).sort()).toEqual([...ALERT_SOURCES].sort());
    expect(RECOGNISERS.at(-1)?.source).toBe('generic');
  });
});

describe('parseAlert', () => {
  const names = fixtureNames();

  it('has fixtures for every source, all marked synthetic', () => {
    expect(new Set(names.map((n) => n.split('.')[0]))).toEqual(new Set(ALERT_SOURCES));
    expect(names.filter((n) => !n.includes('.synthetic.'))).toEqual([]);
  });

  it.each(names)('reads %s as the source and state its name says', (name) => {
    const [source, state] = name.split('.');
    const alert = parseAlert(fixture(name));
    expect(alert).toMatchObject({ source, state });
    expect(alert?.title).not.toBe('');
    expect(alert?.name).not.toBe('');
    expect(alert?.title.length).toBeLessThanOrEqual(150);
  });

  it('never reads a person as an alert, whatever they type', () => {
    expect(parseAlert(person('[FIRING:1] HighErrorRate (api prod)'))).toBeNull();
    expect(parseAlert(person('FIRING: checkout is down for me too'))).toBeNull();
    const pasted = { ...fixture('alertmanager.firing.synthetic.json') };
    delete pasted.bot_id;
    delete pasted.subtype;
    delete pasted.username;
    expect(parseAlert(pasted)).toBeNull();
  });

  it('leaves a bot message nobody recognises to be recorded as a plain bot message', () => {
    expect(parseAlert({ bot_id: 'B0CI', username: 'CI', text: 'Deploy #512 finished' })).toBeNull();
  });
});
