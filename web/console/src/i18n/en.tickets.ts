// English strings of the ticket screens (queue, ticket, complaint review, SLA policies).
// zh-CN.tickets.ts has the same keys; the catalogs include them as `tickets`.
import { ticketCategoryLabels } from '../../../../src/platform/i18n/ticket-categories.js';
export const enTickets = {
  title: 'Tickets',
  viewLabel: 'Which tickets',
  statuses: { new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' },
  statusHints: { new: 'Not yet worked on', open: 'Being worked on', pending: 'Waiting on the customer', on_hold: 'Waiting on a third party (bank, finance)', solved: 'Answered; reopens if the customer writes', closed: 'Final' },
  types: { request: 'Request', complaint: 'Complaint' },
  categories: ticketCategoryLabels['en'],
  channels: { web: 'Web', app: 'App', help_center: 'Help center', email: 'E-mail', api: 'API', chat: 'Chat', phone: 'Phone' },
  filters: { status: 'Status', type: 'Type', priority: 'Priority', category: 'Issue type', search: 'Reference or subject', anyStatus: 'Any status' },
  empty: 'No tickets match.',
  pick: 'Pick a ticket from the list.',
  header: {
    label: 'Ticket', status: 'Status', priority: 'Priority', type: 'Type', category: 'Issue type', assignee: 'Assignee', team: 'Team', customer: 'Customer',
    unassigned: 'Unassigned', noTeam: 'No team', takeIt: 'Assign to me', me: (name: string) => `${name} (me)`, openChat: 'Open the chat', channel: 'Via',
    opened: (time: string) => `Opened ${time}`, email: 'E-mail', walletId: 'Wallet ID', transaction: 'Transaction', txReference: 'Reference', amount: 'Amount',
    occurredAt: 'When', appError: 'Error shown', back: 'Back to the list', merged: (reference: string) => `Merged into ${reference}: continue there.`,
  },
  timeline: {
    label: 'Timeline', reply: 'Public reply', note: 'Internal note', customer: 'Customer', agent: 'Agent', system: 'System', you: 'You',
    scam: 'Possible scam', mergedFrom: (reference: string) => `Request of merged ticket ${reference}`, files: 'Files',
  },
  events: {
    status_changed: (from: string, to: string) => `Status: ${from} → ${to}`,
    assigned: (who: string, team: string) => `Assigned to ${who}${team ? ` · ${team}` : ''}`,
    unassigned: 'Unassigned',
    priority_changed: (from: string, to: string) => `Priority: ${from} → ${to}`,
    merged_into: (reference: string) => `Merged into ${reference}`,
    acknowledged: 'Receipt acknowledged to the customer',
    review_requested: 'Supervisor review requested',
    reviewed: { approved: 'Outcome approved by a supervisor', rejected: 'Outcome rejected by a supervisor' },
    escalated: (level: number) => `Escalated to level ${level}`,
    other: (name: string) => `Event: ${name}`,
  },
  reply: {
    label: 'Write on the ticket', sendAs: 'Send as', asReply: 'Public reply', asNote: 'Internal note',
    placeholder: 'Reply to the customer (e-mailed and shown in the app).', notePlaceholder: 'Internal note: staff only, never sent to the customer.',
    statusOnSend: 'and set status', keepStatus: 'Keep status', send: 'Send reply', addNote: 'Add note', attach: 'Attach a file',
    remove: (name: string) => `Remove ${name}`, uploading: (pct: number) => `Uploading… ${pct}%`, refused: 'Not sent', filesOnReplies: 'Files go with public replies.',
  },
  fields: { title: 'Details', none: 'This issue type asks nothing more.', required: 'required', save: 'Save details', money: 'Amount like 12.34', saved: 'Saved.' },
  sla: {
    title: 'SLA', none: 'No SLA timers for this ticket.',
    metrics: { acknowledgement: 'Acknowledgement', first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' },
    statuses: { running: 'Running', paused: 'Paused', met: 'Met', breached: 'Breached', cancelled: 'Cancelled' },
    left: (d: string) => `${d} left`, due: (time: string) => `due ${time}`, breachedAt: (time: string) => `breached ${time}`,
  },
  links: {
    title: 'Related tickets', none: 'No related tickets.', kinds: { related: 'Related', merged_from: 'Merged into this one', merged_into: 'This was merged into' },
    find: 'Find a ticket by reference or subject', search: 'Search', link: 'Link as related', unlink: 'Unlink', noResults: 'No ticket found.',
  },
  merge: {
    title: 'Merge into another ticket', hint: 'For a duplicate of the same customer: this ticket is closed and its request is added to the one kept.',
    candidates: "This customer's other open tickets", pick: 'Merge into this one', confirmTitle: 'Merge this ticket?',
    confirm: (source: string, into: string) => `${source} will be closed and merged into ${into}. This cannot be undone.`, confirmButton: 'Merge', none: 'No other open ticket of this customer.',
  },
  complaint: {
    title: 'Complaint', acknowledged: (time: string) => `Acknowledged ${time}`, notAcknowledged: 'Receipt not acknowledged yet', acknowledge: 'Acknowledge receipt',
    review: 'Supervisor review', reviewStatuses: { none: 'Not requested', requested: 'Waiting for a supervisor', approved: 'Approved', rejected: 'Rejected: revise and ask again' },
    requestReview: 'Request review', requestNote: 'What you propose (for the reviewer)', reviewNote: 'Review note', decision: 'Decision', approve: 'Approve', reject: 'Reject',
    outcome: 'Outcome', outcomes: { upheld: 'Upheld', partially_upheld: 'Partly upheld', not_upheld: 'Not upheld', goodwill: 'Goodwill gesture' },
    summary: 'Outcome summary', compensation: 'Compensation (optional, e.g. 12.34)', compensationPaid: 'Compensation', currency: 'Currency', submitReview: 'Record decision',
    escalate: 'Escalate', escalationNote: 'Why (optional)', level: (n: number) => `Escalation level ${n}`, recorded: 'Recorded outcome', badAmount: 'Enter the amount like 12.34.',
  },
  fromChat: {
    open: 'Create ticket', title: 'Create a ticket from this chat', subject: 'Subject (optional)', type: 'Type', priority: 'Priority',
    note: 'Internal note (optional)', create: 'Create and open', hint: 'The transcript becomes the first internal entry; the customer is told the reference in the chat.',
  },
  notices: {
    label: 'Ticket notifications', dismiss: 'Dismiss',
    assigned: (reference: string, subject: string) => `Ticket ${reference} assigned to you: ${subject}`,
    customerReplied: (reference: string, subject: string) => `The customer replied on ${reference}: ${subject}`,
    slaBreached: (reference: string, metric: string) => `SLA breached on ${reference}: ${metric}`,
    reviewRequested: (reference: string, subject: string) => `Complaint ${reference} waits for your review: ${subject}`,
  },
  slaAdmin: {
    title: 'SLA policies', hint: 'Targets in business minutes of the ticket team\'s hours. Tickets take new targets when their timers start or their priority changes.',
    name: 'Name', policy: 'Type and priority', firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution', acknowledgement: 'Acknowledgement',
    minutes: 'business minutes', warnAt: 'Warn at (% of the target used)', actions: 'On breach', actionNames: { notify: 'Notify supervisors', raise_priority: 'Raise priority', reassign: 'Reassign' },
    active: 'Active', hoursTeam: 'Business hours of (tickets without a team)', aroundTheClock: 'Around the clock', targets: 'Targets',
  },
};
