/** What the store counts of return visits closed in a period. */
export interface VisitFigures {
  visits: number;
  reached: number;
  satisfactionAvg: number | null;
  satisfactionCount: number;
  reopened: number;
  reasons: { reason: string; count: number }[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const rounded = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/**
 * Return-visit results beside the chat ratings of the same period. The reopen rate counts the
 * reached customers whose "solved" problem was not: the measure of how often we closed too early.
 */
export function returnVisitResults(figures: VisitFigures, chat: { avg: number | null; count: number }) {
  return {
    visits: figures.visits,
    reached: figures.reached,
    reachRate: rounded(ratio(figures.reached, figures.visits)),
    satisfaction: { avg: rounded(figures.satisfactionAvg), count: figures.satisfactionCount },
    chatRating: { avg: rounded(chat.avg), count: chat.count },
    reasons: figures.reasons,
    reopened: figures.reopened,
    reopenRate: rounded(ratio(figures.reopened, figures.reached)),
  };
}

export type ReturnVisitResults = ReturnType<typeof returnVisitResults>;
