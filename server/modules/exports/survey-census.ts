/**
 * What an export reads before its first row: the survey in the snapshot (published versions with
 * their privacy flags, merged variables) and the census of its responses by combination of
 * quasi-identifiers, on which suppression is decided.
 */
import { notFound } from '../../errors.js';
import type { VersionCache } from '../responses/versions.js';
import type { VersionTexts } from './codebook.js';
import { questionFlags } from './flags.js';
import type { selection } from './selection.js';
import type { ResponseRow, Snapshot } from './snapshot.js';
import { comboKey, type Group } from './suppression.js';
import { mergeVariables, panelQuestions } from './variables.js';

/** The survey in the snapshot: its published versions (compiled, with their privacy flags) and their merged variables. */
export function loadSurvey(snapshot: Snapshot, versions: VersionCache, slug: string) {
  const survey = snapshot.survey(slug);
  if (!survey) throw notFound(`Survey "${slug}"`);
  const published = snapshot.publishedVersions(survey.id).map((row) => {
    const served = versions.get(row.id);
    const definition = JSON.parse(row.definition) as Record<string, unknown>;
    return { ...served, flags: questionFlags(definition), consentRequired: definition.consentRequired === true };
  });
  const texts: VersionTexts[] = published.map((v) => ({ version: v.version, defaultLanguage: v.defaultLanguage, texts: v.texts }));
  // responses to a version that asks for consent and never got it are no one's research data
  const consentVersions = published.filter((v) => v.consentRequired).map((v) => v.versionId);
  const panelCounts = snapshot.panelCounts(survey.id, panelQuestions(published.map((v) => v.structure)), consentVersions);
  return { survey, published, texts, consentVersions, ...mergeVariables(published, panelCounts) };
}

/** rows read between two turns of the event loop while counting, so other requests are served meanwhile */
const CENSUS_SLICE = 2000;

/** Every response of the survey, whatever the filters, counted by combination of quasi-identifiers. */
export async function census(responses: Iterable<ResponseRow>, view: ReturnType<typeof selection>) {
  const groups = new Map<string, Group>();
  let rows = 0;
  let read = 0;
  for (const r of responses) {
    if (++read % CENSUS_SLICE === 0) await new Promise(setImmediate);
    const values = view.quasiValues(r);
    const key = comboKey(values);
    let g = groups.get(key);
    if (!g) groups.set(key, g = { values, total: 0, selected: 0, eligible: 0, mask: 0 });
    g.total++;
    if (view.eligible(r)) g.eligible++;
    if (view.selected(r)) { g.selected++; rows++; }
  }
  return { groups, rows };
}

