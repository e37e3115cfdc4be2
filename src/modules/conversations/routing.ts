import type { Locale } from '../../platform/i18n/index.js';
import type { Conversation } from './conversations.js';

/** An online agent as routing sees them. */
export interface Candidate {
  id: string;
  capacity: number;
  /** Conversations assigned to them now. */
  load: number;
  skillCategories: string[];
  skillLanguages: string[];
  teamIds: string[];
  /** Since when they have had nothing new: their last assignment, or coming online. */
  idleSince: Date;
}

/** A team as routing sees it: the categories and languages whose queue it is. */
export interface QueueTeam {
  id: string;
  name: string;
  categories: string[];
  languages: string[];
}

const priorityRank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** The queue: most urgent first, then whoever has waited longest. */
export function queueOrder(a: Pick<Conversation, 'priority'> & { queuedAt: Date }, b: Pick<Conversation, 'priority'> & { queuedAt: Date }): number {
  return priorityRank[a.priority] - priorityRank[b.priority] || a.queuedAt.getTime() - b.queuedAt.getTime();
}

/**
 * The agent for a conversation: its team's members when it has one; free capacity and the
 * customer's language first; among those,
 * the ones skilled in its category (when anyone online has that skill at all, others wait for
 * them rather than take it); then the least loaded, and of equals, the one idle longest.
 */
export function pickAgent(candidates: Candidate[], need: { category: string | null; language: Locale; teamId?: string | null; skippedAgentIds?: string[] }): Candidate | null {
  // A conversation transferred to a team goes to that team's members only.
  if (need.teamId) candidates = candidates.filter((c) => c.teamIds.includes(need.teamId!));
  const speaks = (c: Candidate) => c.skillLanguages.length === 0 || c.skillLanguages.includes(need.language);
  const skilled = (c: Candidate) => need.category !== null && c.skillCategories.includes(need.category);
  const anyoneSkilled = candidates.some((c) => speaks(c) && skilled(c));
  const eligible = candidates.filter((c) => c.load < c.capacity && speaks(c) && (!anyoneSkilled || skilled(c)));
  // Someone who let this offer expire gets it again only when nobody else can take it.
  const skipped = (c: Candidate) => (need.skippedAgentIds?.includes(c.id) ? 1 : 0);
  eligible.sort((a, b) => skipped(a) - skipped(b) || a.load - b.load || a.idleSince.getTime() - b.idleSince.getTime());
  return eligible[0] ?? null;
}

/**
 * The team whose queue a handover joins: one that lists the category and serves the language
 * (a team listing no languages serves all); of several, the first by name, so the choice is
 * stable. None: the shared queue, open to every agent.
 */
export function teamFor<T extends QueueTeam>(teams: T[], need: { category: string | null; language: Locale }): T | null {
  if (need.category === null) return null;
  const matching = teams.filter((t) => t.categories.includes(need.category!) && (t.languages.length === 0 || t.languages.includes(need.language)));
  return matching.sort((a, b) => a.name.localeCompare(b.name))[0] ?? null;
}

/**
 * Estimated wait for the n-th in the queue (1-based): every free or freed seat takes one
 * conversation per average handling time.
 */
export function estimateWaitSeconds(position: number, onlineCapacity: number, averageHandleSeconds: number): number {
  if (onlineCapacity <= 0) return -1;
  return Math.ceil(position / onlineCapacity) * averageHandleSeconds;
}
