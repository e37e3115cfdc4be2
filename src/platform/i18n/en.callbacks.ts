/**
 * What customers read about callbacks outside the web apps: chat notices from the bot and the help
 * center's booking form. Placeholders: {when} (date, time range and zone), {tail} (last digits of
 * the number we will call), {reference}.
 */
export const enCallbacks = {
  /** How the Asia/Shanghai zone is named to customers; other zones use the name Intl gives them. */
  beijingTime: 'Beijing time',
  chat: {
    confirmed: 'Your callback is booked for {when}. We will call the number ending {tail}. Reference {reference}.',
    rescheduled: 'Your callback has been moved to {when}. We will call the number ending {tail}.',
    cancelled: 'Your callback {reference} has been cancelled.',
    reminder: 'Reminder: we will call you at {when} on the number ending {tail}.',
  },
  statuses: {
    scheduled: 'Booked',
    completed: 'Done',
    unreached: 'We could not reach you',
    cancelled: 'Cancelled',
  },
  /** The help center's booking form (/help/:locale/callbacks/new). */
  helpCenter: {
    title: 'Ask us to call you back',
    intro: 'Choose a time that suits you and we will call you. Calls are free and take place during our opening hours.',
    topic: 'What is it about?',
    timezone: 'Show times in',
    showTimes: 'Show times',
    slots: 'Choose a time',
    slotsHint: 'Times are shown in {zone}. Each call takes place within the half hour or hour shown.',
    noSlots: 'There are no free times in the next days. Please try again later, chat with us, or submit a request.',
    phone: 'Phone number',
    phoneHint: 'With its country code, such as +86 138 0013 8000 or +852 9123 4567.',
    email: 'E-mail (optional)',
    emailHint: 'We send the confirmation and a reminder there.',
    note: 'Anything we should know before calling? (optional)',
    safety: 'Never type passwords, payment PINs, verification codes, seed phrases or private keys: our staff will never ask for them.',
    submit: 'Book the callback',
    choose: 'Choose…',
    booked: 'Your callback is booked',
    bookedDetail: 'We will call the number {phone} at {when}. Your reference is {reference}.',
    bookedNext: 'To change the time or cancel, use this private link; we also e-mail it if you gave an address. Keep it to yourself: it opens your booking without a password.',
    manageLink: 'Change or cancel this callback',
    manage: 'Your callback',
    status: 'Status: {status}',
    moveTitle: 'Choose another time',
    move: 'Move the callback',
    cancel: 'Cancel the callback',
    moved: 'Done: we will call you at {when}.',
    cancelled: 'Your callback is cancelled. You can book another time whenever you like.',
    closedDetail: 'Reference {reference}: {when}, number {phone}.',
    closed: 'This callback can no longer be changed.',
    invalidLink: 'This link does not open a callback. Please use the link from your confirmation e-mail, or book again.',
    crossSite: 'This form can only be sent from our own help center page. Please open it there and try again.',
    checkFields: 'Please check the fields marked below.',
    fieldErrors: {
      required: 'Please fill this in.',
      phone: 'This does not look like a valid phone number.',
      email: 'Please enter a valid e-mail address.',
      slot: 'Please choose one of the times shown.',
      tooLong: 'This is too long.',
      invalid: 'Please choose one of the options.',
    },
  },
  /**
   * Call tasks (外呼任务): the scripts agents read on return visits and callbacks, in the customer's
   * language, and the notes the visit leaves on tickets. Intro placeholders: {customer}, {agent},
   * {topic}, {reference}; note placeholders: {summary}, {reference}.
   */
  calls: {
    scripts: {
      callback: {
        intro: 'Hello {customer}, this is {agent} from WalletDesk customer service. You asked us to call you back about {topic}. Is now a good time?',
        steps: ['Confirm you are speaking with the customer: ask for their name, never for passwords, PINs or codes.', 'Listen to the problem and look at the context below (ticket, chat, diagnosis).', 'Solve it or agree the next step, and ask whether it is solved.'],
      },
      problem_check: {
        intro: 'Hello {customer}, this is {agent} from WalletDesk customer service. We are calling about your request {reference} ({topic}) to check that the problem really is solved.',
        steps: ['Confirm you are speaking with the customer: ask for their name, never for passwords, PINs or codes.', 'Ask whether the problem is solved and whether anything still does not work.', 'If not: reopen the ticket or open a new one, and tell the customer what happens next.'],
      },
      satisfaction_survey: {
        intro: 'Hello {customer}, this is {agent} from WalletDesk customer service. You recently contacted us about {topic}; may we ask you three short questions about how we helped?',
        steps: ['Ask for the satisfaction score from 1 (very unhappy) to 5 (very happy).', 'Ask whether the person who helped was helpful.', 'Ask what made the contact necessary and note it in their words.'],
      },
      education: {
        intro: 'Hello {customer}, this is {agent} from WalletDesk customer service. About {topic}: we would like to show you how to avoid this next time. It takes two minutes.',
        steps: ['Explain the right way to do it, step by step, in plain words.', 'Remind them we never ask for passwords, payment PINs, codes, seed phrases or private keys.', 'Check they understood and whether they want the help article.'],
      },
    },
    questions: {
      resolved: 'Is the problem solved?',
      still_issue: 'What still does not work?',
      satisfaction: 'How satisfied are you with how we helped? (1-5)',
      agent_helpful: 'Was the person who helped you helpful?',
      reason: 'What made the contact necessary?',
      understood: 'Did the customer understand the explanation?',
      topic: 'What was explained?',
    },
    yes: 'Yes',
    no: 'No',
    scale: { '1': '1 – very unhappy', '2': '2 – unhappy', '3': '3 – neutral', '4': '4 – happy', '5': '5 – very happy' },
    stillIssue: { same_problem: 'The same problem', related_problem: 'A related problem', new_problem: 'A new problem' },
    reasons: { slow_response: 'We answered too slowly', unclear_answer: 'Our answer was unclear', product_issue: 'A problem in the product', misuse: 'The app was used the wrong way', other: 'Something else' },
    /** The internal note a return visit leaves on the ticket it reopens or opens. */
    ticketNote: 'Return visit: {summary}',
    followUpSubject: 'Return visit follow-up to {reference}',
    followUpSubjectNoTicket: 'Return visit follow-up',
    outcomeSummary: { resolvedNo: 'the customer says the problem is not solved', resolvedYes: 'the customer says the problem is solved', noAnswers: 'no answers recorded' },
    /** Shown instead of a number when none is known: the task can only end as wrong number or unreached. */
    noNumber: 'No number',
  },
};

export type CallbacksCatalog = typeof enCallbacks;
