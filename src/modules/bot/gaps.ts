import { QuestionMatcher } from './nlu/matcher.js';

/** Two unanswered questions this similar are the same gap. */
const SAME_GAP = 0.3;

export interface GapCluster<G> {
  /** The earliest question of the group, shown as its title. */
  representative: G;
  items: G[];
}

/**
 * Groups unanswered questions by similarity, greedily against each group's first question, and
 * puts the largest groups first: the articles worth writing are the ones many people needed.
 */
export function clusterGaps<G extends { text: string; language: string }>(gaps: G[], background: readonly string[] = []): GapCluster<G>[] {
  if (gaps.length === 0) return [];
  // Word weights come from ordinary customer language too: fitted on a handful of gaps alone,
  // the very words they share would look common and count for nothing.
  const matcher = QuestionMatcher.fit([...gaps.map((g) => g.text), ...background]);
  const clusters: GapCluster<G>[] = [];
  for (const gap of gaps) {
    const home = clusters.find((c) => c.representative.language === gap.language && matcher.similarity(c.representative.text, gap.text) >= SAME_GAP);
    if (home) home.items.push(gap);
    else clusters.push({ representative: gap, items: [gap] });
  }
  return clusters.sort((a, b) => b.items.length - a.items.length);
}
