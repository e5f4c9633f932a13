/**
 * Campaign times are entered on the partner's wall clock (a datetime-local field) and sent to the
 * API in UTC; shown again with the zone's name. Only Intl: the browser's own time zone data.
 */

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms`. */
function zoneOffset(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return wall - (ms - (ms % 1000));
}

/** "2027-01-31T18:00" on the zone's wall clock as a UTC ISO string; undefined when it is not a time. */
export function wallToUtc(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // the offset at the wall time, corrected once when the offset changes in between (summer time)
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone)).toISOString();
}

/** A UTC instant as the value of a datetime-local field on the zone's wall clock. */
export function utcToWall(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 16);
}

/** An instant for reading: the interface language, the partner's zone, the zone named. */
export function formatInZone(iso: string | null | undefined, timeZone: string, language: string): string {
  if (!iso) return '';
  try {
    return `${new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short', timeZone })} (${timeZone})`;
  } catch {
    return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/** A language tag by its name in the interface language ("sv" → "Swedish"), the tag itself when unknown. */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
