/**
 * What a customer reads about their own money. Written for someone using a wallet for the first
 * time: short sentences, no jargon, always what happened to the money and what to do next.
 * Placeholders: {kind} {amount} {time} {completed} {eta} {days} {channel} {counterparty}
 * {reason} {since} {single} {daily} {remaining} {kyc} {phoneTail}.
 */
export const enWallet = {
  kinds: { top_up: 'top-up', withdrawal: 'withdrawal', transfer: 'transfer', payment: 'payment', refund: 'refund' },
  channels: {
    balance: 'your wallet balance',
    bank_card: 'your bank card',
    bank_transfer: 'bank transfer',
    unionpay: 'UnionPay',
    overseas_card: 'your overseas card',
  } as Record<string, string>,
  someone: 'the other side',
  noReason: 'no reason was recorded',
  causes: {
    INSUFFICIENT_BALANCE: {
      text: 'Your {kind} of {amount} on {time} did not go through because your wallet balance was not enough. No money was taken.',
      steps: ['Top up your wallet, or choose a bank card to pay.', 'Then try again.'],
    },
    SINGLE_LIMIT_EXCEEDED: {
      text: 'Your {kind} of {amount} on {time} was stopped because it is more than your limit for one payment ({single}). No money was taken.',
      steps: ['Send it in smaller parts, or', 'raise your limit by verifying your identity in the app (Me > Security > Verify identity).'],
    },
    DAILY_LIMIT_EXCEEDED: {
      text: 'Your {kind} of {amount} on {time} was stopped because, with what you had already spent that day, it went over your daily limit ({daily}). No money was taken.',
      steps: ['Your daily limit starts again at midnight (China time).', 'To raise it, verify your identity in the app.'],
    },
    ACCOUNT_FROZEN: {
      text: 'Your {kind} of {amount} on {time} was stopped because your account was frozen at that time. No money was taken.',
      steps: ['A support agent can check the freeze with you and tell you how to lift it.'],
    },
    RISK_REVIEW: {
      text: 'Your {kind} of {amount} on {time} was stopped by our safety check, which protects you from fraud. The money is back in your wallet.',
      steps: ['A support agent can go through it with you.', 'If someone asked you to send this money, stop now: it may be a scam.'],
    },
    WRONG_PAYMENT_PASSWORD: {
      text: 'Your {kind} of {amount} on {time} did not go through because the payment PIN was wrong. No money was taken.',
      steps: ['Try again slowly.', 'Forgot your PIN? Reset it in the app: Me > Security > Payment PIN > Forgot PIN. We will never ask you for your PIN.'],
    },
    CHANNEL_TIMEOUT: {
      text: 'Your {kind} of {amount} on {time} did not go through because the bank did not answer in time. No money was taken. If your bank shows a deduction, it is returned by itself within 1 to 3 working days.',
      steps: ['Try again in a few minutes, or use another card.'],
    },
    CHANNEL_MAINTENANCE: {
      text: 'Your {kind} of {amount} on {time} did not go through because {channel} was under maintenance at that moment. No money was taken.',
      steps: ['Try again later, or use your wallet balance or another card.'],
    },
    MERCHANT_NOT_SUPPORTED: {
      text: 'Your {kind} of {amount} on {time} did not go through because {counterparty} does not accept this way of paying. No money was taken.',
      steps: ['Pay another way, or ask the shop which ways of paying it accepts.'],
    },
    RECIPIENT_ACCOUNT_INVALID: {
      text: 'Your {kind} of {amount} on {time} could not reach {counterparty}: that account does not exist, is closed or cannot receive money. The money is still in your wallet.',
      steps: ["Check the other person's phone number or account with them, then try again."],
    },
    NETWORK_ERROR: {
      text: 'Your {kind} of {amount} on {time} did not go through because of a network problem. No money was taken.',
      steps: ['Check your internet connection and try again.'],
    },
    UNKNOWN_FAILURE: {
      text: 'Your {kind} of {amount} on {time} did not go through, and the reason was not recorded.',
      steps: ['A support agent will look into it for you.'],
    },
    PAYMENT_PROCESSING: {
      text: 'Your payment of {amount} to {counterparty} on {time} is still being confirmed by the bank. It usually finishes by {eta}.',
      steps: ['Please wait. Do not pay again, or you may pay twice.'],
    },
    TOP_UP_PENDING: {
      text: 'Your top-up of {amount} from {channel} on {time} is on its way. It usually arrives by {eta}.',
      steps: ['You do not need to do anything: it appears in your balance as soon as the bank confirms.', 'Please do not top up again for the same money.'],
    },
    TOP_UP_OVERDUE: {
      text: 'Your top-up of {amount} from {channel} on {time} should have arrived by {eta}, but it has not yet. We need to trace it with the bank.',
      steps: ['A support agent will trace it with the bank for you.', "Keep your bank's record of the deduction (a screenshot is fine)."],
    },
    TOP_UP_REVERSED: {
      text: 'Your top-up of {amount} on {time} was cancelled by the bank, and the money was sent back to where it came from.',
      steps: ['It can take 1 to 3 working days to show in your bank account.', 'If it is not there after that, contact us.'],
    },
    TRANSFER_RISK_REVIEW: {
      text: 'Your transfer of {amount} to {counterparty} on {time} is being checked by our safety team, as large transfers are. The money is held safely. The check usually finishes by {eta}.',
      steps: ['You do not need to do anything.', 'If a stranger asked you to send this money, tell us now: it may be a scam.'],
    },
    TRANSFER_PENDING: {
      text: 'Your transfer of {amount} to {counterparty} on {time} is still being processed. It should be done by {eta}.',
      steps: ['Please wait, and do not send it again.'],
    },
    TRANSACTION_REVERSED: {
      text: 'Your {kind} of {amount} on {time} was reversed, and the money went back to where it came from.',
      steps: ['If you did not expect this, a support agent can explain it.'],
    },
    TRANSACTION_SUCCEEDED: {
      text: 'Your {kind} of {amount} on {time} was completed successfully on {completed}.',
      steps: ['If the other side has not seen it yet, ask them to check again in a little while.'],
    },
    REFUND_PENDING: {
      text: 'The refund of {amount} from {counterparty} is on its way back to {channel}. It should arrive in about {days} day(s), by {eta}.',
      steps: ['You do not need to do anything.', 'A refund to a bank card shows on the card statement, not in your wallet balance.'],
    },
    REFUND_OVERDUE: {
      text: 'The refund of {amount} from {counterparty} should have arrived by {eta}, but it has not yet. We will check it with the bank.',
      steps: ['A support agent will follow it up for you.'],
    },
    REFUND_SUCCEEDED: {
      text: 'The refund of {amount} from {counterparty} was completed on {completed}, back to {channel}.',
      steps: ['A refund to your wallet is in your balance.', 'A refund to a bank card shows on the card statement; ask your bank if you cannot see it.'],
    },
    REFUND_NOT_STARTED: {
      text: 'We found your payment of {amount} to {counterparty} on {time}, but the shop has not started a refund for it.',
      steps: ['Ask the shop to refund the order first.', 'If the shop refuses or cannot be reached, a support agent can help.'],
    },
    WITHDRAWAL_PENDING: {
      text: 'Your withdrawal of {amount} to {channel} on {time} is being sent by the bank. It should arrive by {eta}.',
      steps: ['You do not need to do anything.', 'The money has left your wallet balance and is held safely until the bank confirms.'],
    },
    WITHDRAWAL_OVERDUE: {
      text: 'Your withdrawal of {amount} to {channel} on {time} should have arrived by {eta}, but the bank has not confirmed it yet.',
      steps: ['A support agent will trace it with the bank for you.'],
    },
    ACCOUNT_STATUS_FROZEN: {
      text: 'Your account has been frozen since {since}. Reason: {reason}. While it is frozen, money cannot go out, but your balance is safe.',
      steps: ['A support agent will check the freeze with you and tell you what is needed, usually a quick identity check.', 'Never pay anyone to "unfreeze" your account: that is always a scam.'],
    },
    ACCOUNT_STATUS_LOCKED: {
      text: 'Your account has been locked since {since} for your safety. Reason: {reason}.',
      steps: ['It unlocks by itself after 24 hours, or at once when you reset your password in the app (Me > Security).', 'Nobody from our staff will ask for your password or codes to unlock it.'],
    },
    ACCOUNT_STATUS_CLOSED: {
      text: 'This account was closed on {since}.',
      steps: ['A support agent can help if you need money or records from it.'],
    },
    ACCOUNT_STATUS_ACTIVE: {
      text: 'Your account is active and working normally.',
      steps: ['If something still does not work, tell us what you see on the screen.'],
    },
    LIMIT_SINGLE: {
      text: '{amount} is more than your limit for one payment or transfer, which is {single} at your verification level ({kyc}).',
      steps: ['Send it in smaller parts (your daily limit is {daily}).', 'Or raise your limits by verifying your identity in the app.'],
    },
    LIMIT_DAILY: {
      text: '{amount} is within your limit for one payment, but you have only {remaining} left of your daily limit of {daily} today.',
      steps: ['Your daily limit starts again at midnight (China time).', 'Or raise your limits by verifying your identity in the app.'],
    },
    LIMIT_OK: {
      text: '{amount} is within your limits: up to {single} at a time, and {remaining} left today.',
      steps: ['If it is still refused, tell us what the screen says.'],
    },
    LIMIT_INFO: {
      text: 'Your limits are {single} for one payment or transfer and {daily} per day. You have {remaining} left today.',
      steps: ['Limits grow with your verification level; verify your identity in the app to raise them.'],
    },
    LOGIN_PASSWORD_RESET: {
      text: 'You can set a new login password yourself. We never need your old password, and no staff member will ever ask for it.',
      steps: [
        "Open the app and tap 'Forgot password' on the sign-in page.",
        'Enter the code sent to your phone ending in {phoneTail}. Type it only into the app, never tell it to anyone.',
        'If you no longer have that phone, a support agent can start a verified identity check.',
      ],
    },
    PAYMENT_PIN_RESET: {
      text: 'You can set a new payment PIN yourself. We never need your old PIN, and no staff member will ever ask for it.',
      steps: [
        'In the app, go to Me > Security > Payment PIN > Forgot PIN.',
        'Verify your identity and enter the code sent to your phone ending in {phoneTail}. Type it only into the app, never tell it to anyone.',
        'If you no longer have that phone, a support agent can start a verified identity check.',
      ],
    },
    NO_MATCHING_TRANSACTION: {
      text: 'We could not find a {kind} matching what you described in your recent history.',
      steps: ['Tell us the amount, the date and, if you have it, the reference number.', 'A support agent can look further.'],
    },
  },
};

export type WalletCatalog = typeof enWallet;
