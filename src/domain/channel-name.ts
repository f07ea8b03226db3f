import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { slackToPlain } from './slack-text.ts';

const MAX_NAME = 80;

/**
 * `inc-<yyyymmdd>-<slug>` for a dedicated incident channel. Slack channel names are lowercase
 * letters, digits, `-` and `_`, at most 80 characters.
 */
export function incidentChannelName(
  title: string,
  now: number,
  timeZone: string,
  attempt = 1,
): string {
  const day = format(new TZDate(now, timeZone), 'yyyyMMdd');
  const slug = slackToPlain(title, new Map())
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const base = `inc-${day}`;
  const room = MAX_NAME - base.length - suffix.length - 1;
  const cut = slug.slice(0, room).replace(/-+$/, '');
  return cut === '' ? `${base}${suffix}` : `${base}-${cut}${suffix}`;
}
