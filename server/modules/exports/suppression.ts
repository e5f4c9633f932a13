/**
 * k-anonymity by suppression, decided on a histogram of quasi-identifier combinations (one entry
 * per distinct combination, never one per response, so memory follows the variety of the data,
 * not its size). A combination shared by fewer than k responses has its values replaced by the
 * marker, one dimension at a time, the most varied dimension first, until every combination left
 * holds at least k responses.
 */
export const SUPPRESSED = '*';

export interface Group {
  values: string[];
  /** responses of the whole survey with these values */
  total: number;
  /** of those, the responses the export's filters select */
  selected: number;
  /** of those, the responses of the state asked for (whatever the other filters) */
  eligible: number;
  /** bit d set: dimension d is suppressed for this group */
  mask: number;
}

export interface Suppression {
  /** the smallest group before and after suppression (0 when there are no responses) */
  kBefore: number;
  kAfter: number;
  /** selected responses whose value was suppressed, by dimension name */
  suppressed: Record<string, number>;
}

const SEP = '\u0000';
export const comboKey = (values: string[]) => values.join(SEP);

function currentKey(g: Group): string {
  return g.values.map((v, d) => (g.mask & (1 << d) ? SUPPRESSED : v)).join(SEP);
}

function sizes(groups: Group[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of groups) { const key = currentKey(g); counts.set(key, (counts.get(key) ?? 0) + g.total); }
  return counts;
}

function smallest(counts: Map<string, number>): number {
  let min = Infinity;
  for (const n of counts.values()) min = Math.min(min, n);
  return counts.size ? min : 0;
}

/** Sets each group's mask; groups is every combination of the survey's responses. */
export function suppress(groups: Group[], dimensions: string[], k: number): Suppression {
  const full = (1 << dimensions.length) - 1;
  const kBefore = smallest(sizes(groups));
  for (;;) {
    const counts = sizes(groups);
    const small = groups.filter((g) => counts.get(currentKey(g))! < k);
    if (small.length === 0) break;
    let best = -1;
    let bestDistinct = 0;
    for (let d = 0; d < dimensions.length; d++) {
      const distinct = new Set(small.filter((g) => !(g.mask & (1 << d))).map((g) => g.values[d])).size;
      if (distinct > bestDistinct) { best = d; bestDistinct = distinct; }
    }
    if (best >= 0) {
      for (const g of small) g.mask |= 1 << best;
      continue;
    }
    // every small group is already fully suppressed and together still fewer than k: the smallest
    // group still standing joins them
    const standing = groups.filter((g) => g.mask !== full).sort((a, b) => counts.get(currentKey(a))! - counts.get(currentKey(b))!);
    if (standing.length === 0) break;
    standing[0].mask = full;
  }
  const suppressed = Object.fromEntries(dimensions.map((name, d) => [name, groups.reduce((n, g) => n + (g.mask & (1 << d) ? g.selected : 0), 0)]));
  return { kBefore, kAfter: smallest(sizes(groups)), suppressed };
}

/**
 * The groups left after suppression that the filters cut through: some of their responses (of the
 * state asked for) selected and others not. Exporting part of such a group would tell which of its
 * members have the partner, language, date… that suppression hid, so such filters are refused.
 * Returns the dimensions suppressed in the first such group, or null when no group is cut.
 */
export function cutThrough(groups: Group[], dimensions: string[]): string[] | null {
  const sums = new Map<string, { selected: number; eligible: number; mask: number }>();
  for (const g of groups) {
    const key = currentKey(g);
    const s = sums.get(key) ?? { selected: 0, eligible: 0, mask: g.mask };
    s.selected += g.selected;
    s.eligible += g.eligible;
    sums.set(key, s);
  }
  for (const s of sums.values()) {
    if (s.selected > 0 && s.selected < s.eligible) return dimensions.filter((_, d) => s.mask & (1 << d));
  }
  return null;
}
