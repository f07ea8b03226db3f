import { describe, expect, it } from 'vitest';
import { readWebSettings } from '../src/web-config.ts';

const SIGN_IN = {
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'client-secret',
  WEB_BASE_URL: 'https://scribe.example.com/',
  SESSION_SECRET: 's'.repeat(32),
};

describe('readWebSettings', () => {
  it('leaves everything off without settings', () => {
    expect(readWebSettings({})).toEqual({
      settings: { team: null, baseUrl: null, apiToken: null, publicReports: false },
      problems: [],
    });
  });

  it('turns sign-in on with all four settings, Secure cookies behind https', () => {
    const { settings, problems } = readWebSettings(SIGN_IN);
    expect(problems).toEqual([]);
    expect(settings.team).toEqual({
      clientId: '1.2',
      clientSecret: 'client-secret',
      baseUrl: 'https://scribe.example.com',
      sessionSecret: 's'.repeat(32),
      secureCookies: true,
    });
    expect(settings.baseUrl).toBe('https://scribe.example.com');
  });

  it('takes WEB_BASE_URL alone, for the public reports links', () => {
    const { settings, problems } = readWebSettings({
      WEB_BASE_URL: 'https://status.example.com/incidents',
      PUBLIC_REPORTS: 'true',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      team: null,
      baseUrl: 'https://status.example.com/incidents',
      publicReports: true,
    });
  });

  it('names what is missing when sign-in is half configured', () => {
    const { settings, problems } = readWebSettings({ SLACK_CLIENT_ID: '1.2' });
    expect(settings.team).toBeNull();
    expect(problems).toEqual([
      'The team site needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, WEB_BASE_URL, SESSION_SECRET together; missing: SLACK_CLIENT_SECRET, WEB_BASE_URL, SESSION_SECRET',
    ]);
  });

  it.each([
    [{ WEB_BASE_URL: 'ftp://x' }, 'WEB_BASE_URL must be an http(s) URL'],
    [{ WEB_BASE_URL: 'https://x/?a=1' }, 'WEB_BASE_URL must not have a query or fragment'],
    [{ ...SIGN_IN, SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters'],
    [{ WEB_API_TOKEN: 'short' }, 'WEB_API_TOKEN must be at least 16 characters'],
    [{ PUBLIC_REPORTS: 'maybe' }, 'PUBLIC_REPORTS must be true or false'],
  ])('refuses %o', (env, problem) => {
    const { problems } = readWebSettings(env);
    expect(problems.some((p) => p.startsWith(problem))).toBe(true);
  });
});
