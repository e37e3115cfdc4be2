/**
 * Ticket issue types as people read them, one list for the server's pages and notices, the chat
 * widget and the staff console: the web apps import this file into their bundles. Plain data, so
 * that it builds anywhere. The keys are the tickets module's `ticketCategories` (a test checks).
 */
const en = {
  top_up: 'Top-up not arrived',
  payment_failed: 'Payment failed',
  transfer: 'Transfer',
  refund: 'Refund',
  withdrawal: 'Withdrawal',
  frozen_account: 'Account frozen',
  account_security: 'Account security',
  login: 'Login or password',
  payment_pin: 'Payment PIN',
  kyc: 'Identity verification',
  limits: 'Limits',
  fees: 'Fees',
  scam: 'Report a scam',
  complaint: 'Complaint',
  app_problem: 'App problem',
  other: 'Something else',
};

export type TicketCategoryLabels = typeof en;

export const ticketCategoryLabels: Record<'en' | 'zh-CN', TicketCategoryLabels> = {
  en,
  'zh-CN': {
    top_up: '充值未到账',
    payment_failed: '支付失败',
    transfer: '转账',
    refund: '退款',
    withdrawal: '提现',
    frozen_account: '账户冻结',
    account_security: '账户安全',
    login: '登录或密码',
    payment_pin: '支付密码',
    kyc: '实名认证',
    limits: '限额',
    fees: '手续费',
    scam: '举报诈骗',
    complaint: '投诉',
    app_problem: 'App 问题',
    other: '其他问题',
  },
};
