/**
 * Campaign times are stored in UTC and read and written in the partner's time zone: a time sent
 * without an offset ("2027-01-31T18:00") is the partner's local time; one with an offset or Z is
 * taken as it is. Only Intl: no time zone data of our own to keep up to date.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A time as sent by a user, in UTC ISO form; undefined for what is not a time. */
export function toUtc(value: string, timeZone: string): string | undefined {
  const local = LOCAL.exec(value);
  if (!local) {
    const t = Date.parse(value);
    return Number.isNaN(t) || !/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? undefined : new Date(t).toISOString();
  }
  const [, y, mo, d, h, mi, s] = local;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0));
  // the offset at the wall time, corrected once for a change of offset in between (DST)
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

/** A UTC instant as the partner's wall clock, e.g. "2027-01-31T18:00". */
export function toLocal(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return new Date(t + offsetAt(t, timeZone)).toISOString().slice(0, 16);
}
