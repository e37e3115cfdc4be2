/**
 * E-mail sent to customers (and SLA alerts to supervisors). Placeholders in {braces} are filled by
 * the sender; zh-CN uses the same ones. Links ({…Url}) are made by WalletDesk.
 */
export const enEmail = {
  fromName: 'WalletDesk Support',
  replyHint: 'To add to this request, reply to this e-mail and keep {reference} in the subject.',
  safety: 'WalletDesk staff will never ask for your password, payment PIN, verification codes, seed phrase or private key, by e-mail or any other way. Never share them.',
  metrics: {
    first_response: 'first response',
    next_response: 'next response',
    resolution: 'resolution',
    acknowledgement: 'acknowledgement',
  } as Record<string, string>,
  templates: {
    ticket_created: {
      subject: 'We received your request: {subject}',
      body: 'Hello,\n\nThank you for contacting WalletDesk support. Your request is recorded under the reference {reference}, and our team will reply to you by e-mail.\n\nYou can follow it and add details in our help center:\n{requestUrl}',
    },
    ticket_reply: {
      subject: 'Re: {subject}',
      body: '{body}\n\n{agentName}\nWalletDesk Support',
    },
    ticket_pending: {
      subject: 'We need more information: {subject}',
      body: 'Hello,\n\nTo go on with your request {reference}, we need a little more from you:\n\n{body}\n\n{agentName}\nWalletDesk Support\n\nPlease reply to this e-mail. If we do not hear from you, we will close the request after a few days; you can always write again.',
    },
    ticket_solved: {
      subject: 'Solved: {subject}',
      body: 'Hello,\n\nWe have marked your request {reference} as solved. If anything is still not right, simply reply to this e-mail and the request will be reopened.\n\nThank you for your patience.',
    },
    complaint_acknowledged: {
      subject: 'We are handling your complaint: {subject}',
      body: 'Hello,\n\nWe have received your complaint {reference}. A complaints specialist is reviewing it, and we will write to you with the outcome. If you have anything to add, such as transaction references or screenshots, reply to this e-mail.\n\nWe are sorry for the trouble this has caused.',
    },
    transcript: {
      subject: 'Your conversation with WalletDesk support',
      body: 'Hello,\n\nHere is the transcript of your conversation with us, as you asked.\n\n{transcript}',
    },
    sla_breached: {
      subject: 'SLA missed: {subject}',
      body: 'The {metric} target of ticket {reference} ("{subject}") was due at {dueAt} and has been missed.\n\nOpen the ticket: {ticketUrl}',
    },
    callback_confirmed: {
      subject: 'Your callback is booked: {when}',
      body: 'Hello,\n\nWe will call you at {when} on the number {phone}. Your reference is {reference}.\n\nIf the time no longer suits you, change or cancel the callback here: {link}\n\nKeep this link to yourself: it opens your booking without a password.',
    },
    callback_reminder: {
      subject: 'Reminder: we will call you at {when}',
      body: 'Hello,\n\nThis is a reminder that we will call you at {when} on the number {phone} (reference {reference}). Please keep your phone at hand.\n\nTo change or cancel it: {link}',
    },
    callback_cancelled: {
      subject: 'Your callback {reference} is cancelled',
      body: 'Hello,\n\nThe callback planned for {when} (reference {reference}) has been cancelled. If you still need us, you can book another time or chat with us.',
    },
  },
};

export type EmailCatalog = typeof enEmail;
