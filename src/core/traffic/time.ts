/**
 * Timestamps as the exports write them: ISO 8601 (`2021-10-14T22:17:11+00:00`, `2025-02-25T09:19:25.391Z`,
 * `2025-02-25 09:19:25.391`) and the portal CSV's US-locale form (`2/25/2025, 9:19:25.391 AM`), always UTC when no
 * offset is written (the portal header says `TimeGenerated [UTC]`; logs-and-metrics.md §1 marks it uncertain).
 */

const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?$/;
const ISO_NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** Epoch milliseconds, or undefined when the text is no timestamp. */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    // Seconds or milliseconds since the epoch.
    return v < 1e11 ? v * 1000 : v;
  }
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!s) return undefined;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57 && s.length >= 10 && s[4] === '-') {
    const iso = ISO_NO_ZONE.exec(s);
    if (iso) {
      const [, y, mo, d, h, mi, se, frac] = iso;
      return Date.UTC(+y, +mo - 1, +d, +h, +mi, se ? +se : 0, frac ? Math.floor(+`0.${frac}` * 1000) : 0);
    }
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  const us = US.exec(s);
  if (us) {
    const [, mo, d, y, h, mi, se, frac, ampm] = us;
    let hour = +h;
    if (ampm) {
      const pm = ampm.toLowerCase() === 'pm';
      if (hour === 12) hour = pm ? 12 : 0;
      else if (pm) hour += 12;
    }
    return Date.UTC(+y, +mo - 1, +d, hour, +mi, se ? +se : 0, frac ? Math.floor(+`0.${frac}` * 1000) : 0);
  }
  return undefined;
}

export const MINUTE = 60_000;

/** `2025-02-25T09:19Z` for an epoch minute number. */
export function minuteIso(minute: number): string {
  return new Date(minute * MINUTE).toISOString().slice(0, 16) + 'Z';
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch ms of an ISO minute key. */
export function minuteOf(isoMinute: string): number {
  return Date.parse(isoMinute.endsWith('Z') && isoMinute.length === 17 ? isoMinute.slice(0, 16) + ':00Z' : isoMinute);
}

/** Floor an epoch-ms time to a bucket of `minutes`, as ISO. */
export function bucketStart(ms: number, minutes: number): string {
  const size = minutes * MINUTE;
  return new Date(Math.floor(ms / size) * size).toISOString();
}

/** A readable window: `2025-02-25 09:19–09:47 UTC` (same day) or two full times. */
export function windowText(start?: string, end?: string): string {
  if (!start) return 'an unknown time';
  const a = start.replace('T', ' ').replace(/(:\d{2})(\.\d+)?Z$/, '$1').replace(/Z$/, '');
  if (!end || end === start) return `${a} UTC`;
  const b = end.replace('T', ' ').replace(/(:\d{2})(\.\d+)?Z$/, '$1').replace(/Z$/, '');
  if (a.slice(0, 10) === b.slice(0, 10)) return `${a}–${b.slice(11)} UTC`;
  return `${a} – ${b} UTC`;
}

/** Parse an ISO 8601 duration such as PT5M / PT1H / P1D into minutes. */
export function durationMinutes(d: string | undefined): number | undefined {
  if (!d) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(d.trim());
  if (!m) return undefined;
  const mins = (+(m[1] ?? 0)) * 1440 + (+(m[2] ?? 0)) * 60 + (+(m[3] ?? 0)) + (+(m[4] ?? 0)) / 60;
  return mins > 0 ? mins : undefined;
}
