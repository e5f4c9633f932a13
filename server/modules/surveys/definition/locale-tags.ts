/**
 * Intl alone is too lenient for our purpose: it accepts 5–8 letter primary subtags such as
 * "english" or "default", which BCP 47 reserves for registration and nobody uses. Requiring a
 * 2–3 letter language first keeps typos and SurveyJS's own "default" key out of locale lists.
 */
const SHAPE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

export function isLocaleTag(tag: string): boolean {
  if (!SHAPE.test(tag)) return false;
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}
