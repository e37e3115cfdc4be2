import type { Catalog } from '../i18n/en.js';
import type { Priority } from '../types.js';
import type { SlaMetric, TicketStatus } from './types.js';

/** An event's machine key and parameters, in the reader's language. */
export function eventText(data: Record<string, unknown>, t: Catalog, names: { agentName: (id: string) => string | undefined; teamName: (id: string) => string | undefined }): string {
  const ev = t.tickets.events;
  const status = (s: unknown) => t.tickets.statuses[s as TicketStatus] ?? String(s);
  const priority = (p: unknown) => t.priorities[p as Priority] ?? String(p);
  switch (data.event) {
    case 'status_changed':
      return ev.status_changed(status(data.from), status(data.to));
    case 'assigned': {
      const agentId = typeof data.agentId === 'string' ? data.agentId : null;
      const teamId = typeof data.teamId === 'string' ? data.teamId : null;
      if (!agentId && !teamId) return ev.unassigned;
      const agent = agentId ? (names.agentName(agentId) ?? t.tickets.timeline.agent) : t.tickets.header.unassigned;
      return ev.assigned(agent, teamId ? (names.teamName(teamId) ?? '') : '');
    }
    case 'priority_changed':
      return ev.priority_changed(priority(data.from), priority(data.to));
    case 'merged_into':
      return ev.merged_into(String(data.reference ?? ''));
    case 'acknowledged':
      return ev.acknowledged;
    case 'review_requested':
      return ev.review_requested;
    case 'reviewed':
      return data.decision === 'rejected' ? ev.reviewed.rejected : ev.reviewed.approved;
    case 'escalated':
      return ev.escalated(Number(data.level));
    default:
      return ev.other(String(data.event ?? ''));
  }
}

/** The text of a ticket push on the agent's socket (notifications.ts on the server), or null for other frames. */
export function noticeText(frame: Record<string, unknown>, t: Catalog): string | null {
  const n = t.tickets.notices;
  const reference = String(frame.reference ?? '');
  const subject = String(frame.subject ?? '');
  switch (frame.type) {
    case 'ticket.assigned':
      return n.assigned(reference, subject);
    case 'ticket.customer_replied':
      return n.customerReplied(reference, subject);
    case 'ticket.sla_breached':
      return n.slaBreached(reference, t.tickets.sla.metrics[frame.metric as SlaMetric] ?? String(frame.metric ?? ''));
    case 'ticket.review_requested':
      return n.reviewRequested(reference, subject);
    default:
      return null;
  }
}
