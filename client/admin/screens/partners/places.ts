/**
 * Countries and time zones for the partner form, from the browser's own Intl data (no list to
 * download or keep up to date): every ISO 3166-1 code the browser can name, and every IANA time
 * zone it supports, each with its current offset from UTC.
 */

/** Codes DisplayNames knows that are not countries (groupings, pseudo-regions). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface Option { value: string; label: string }

const countryCache = new Map<string, Option[]>();

/** Every country, named in the interface language and sorted by that name; the code follows the name. */
export function countryOptions(language: string): Option[] {
  const cached = countryCache.get(language);
  if (cached) return cached;
  const names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
  const options: Option[] = [];
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = a + b;
      const name = NOT_COUNTRIES.has(code) ? code : names.of(code);
      if (name && name !== code) options.push({ value: code, label: `${name} (${code})` });
    }
  }
  options.sort((x, y) => x.label.localeCompare(y.label, language));
  countryCache.set(language, options);
  return options;
}

export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The offset from UTC now, as "UTC+02:00" ("UTC" itself for zero). */
function offsetOf(timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value.replace(/^GMT/, 'UTC') || 'UTC';
  } catch {
    return '';
  }
}

let zoneCache: Option[] | undefined;

/** Every IANA time zone of the browser, "Europe/Warsaw (UTC+01:00)". */
export function timeZoneOptions(): Option[] {
  if (!zoneCache) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
    zoneCache = (zones.includes('UTC') ? zones : ['UTC', ...zones]).map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${offsetOf(zone)})` }));
  }
  return zoneCache;
}

/** The time zones the browser knows for a country (Intl.Locale's time zones, where the browser has them). */
export function zonesOfCountry(country: string): string[] {
  if (!/^[A-Za-z]{2}$/.test(country)) return [];
  try {
    const locale = new Intl.Locale(`und-${country.toUpperCase()}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    return (typeof locale.getTimeZones === 'function' ? locale.getTimeZones() : locale.timeZones) ?? [];
  } catch {
    return [];
  }
}

/** The options with the current value kept even when this browser does not list it (stored by an older one, say). */
export function withCurrent(options: Option[], value: string, label = value): Option[] {
  return !value || options.some((o) => o.value === value) ? options : [{ value, label }, ...options];
}
