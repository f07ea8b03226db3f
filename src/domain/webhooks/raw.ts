import { isObject } from './fields.ts';

/**
 * The raw JSON to keep with each of `count` parsed alerts. A group notification can carry
 * hundreds of alerts; each row keeps the envelope with only its own alert in `alerts` (still a
 * valid payload of its format) instead of a copy of the whole group. A body that is one alert on
 * its own is kept whole.
 */
export function rawPerAlert(raw: unknown, count: number): unknown[] {
  if (isObject(raw) && Array.isArray(raw.alerts) && raw.alerts.length === count) {
    return raw.alerts.map((alert: unknown) => ({ ...raw, alerts: [alert] }));
  }
  return Array.from({ length: count }, () => raw);
}
