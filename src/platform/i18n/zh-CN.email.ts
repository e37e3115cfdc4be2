import type { EmailCatalog } from './en.email.js';

export const zhCNEmail: EmailCatalog = {
  fromName: 'WalletDesk 客服',
  replyHint: '如需补充，请直接回复本邮件，并保留主题中的 {reference}。',
  safety: 'WalletDesk 工作人员绝不会通过邮件或其他任何方式索要您的登录密码、支付密码、验证码、助记词或私钥，请勿向任何人透露。',
  metrics: {
    first_response: '首次响应',
    next_response: '后续响应',
    resolution: '解决',
    acknowledgement: '投诉受理',
  },
  templates: {
    ticket_created: {
      subject: '我们已收到您的工单：{subject}',
      body: '您好：\n\n感谢您联系 WalletDesk 客服。您的工单已登记，编号 {reference}，我们会通过邮件回复您。\n\n您也可以在帮助中心查看进度、补充信息：\n{requestUrl}',
    },
    ticket_reply: {
      subject: '回复：{subject}',
      body: '{body}\n\n{agentName}\nWalletDesk 客服',
    },
    ticket_pending: {
      subject: '需要您补充信息：{subject}',
      body: '您好：\n\n为继续处理您的工单 {reference}，还需要您补充以下信息：\n\n{body}\n\n{agentName}\nWalletDesk 客服\n\n请直接回复本邮件。如几天内未收到您的回复，我们会关闭该工单；您随时可以再次联系我们。',
    },
    ticket_solved: {
      subject: '已解决：{subject}',
      body: '您好：\n\n您的工单 {reference} 已标记为已解决。如问题仍未解决，直接回复本邮件即可重新打开工单。\n\n感谢您的耐心。',
    },
    complaint_acknowledged: {
      subject: '您的投诉正在处理：{subject}',
      body: '您好：\n\n我们已受理您的投诉 {reference}，投诉专员正在核实，处理结果将通过邮件告知您。如需补充交易编号、截图等材料，请直接回复本邮件。\n\n给您带来不便，我们深表歉意。',
    },
    transcript: {
      subject: '您与 WalletDesk 客服的对话记录',
      body: '您好：\n\n以下是您要求发送的对话记录。\n\n{transcript}',
    },
    sla_breached: {
      subject: 'SLA 超时：{subject}',
      body: '工单 {reference}（“{subject}”）的{metric}时限为 {dueAt}，现已超时。\n\n打开工单：{ticketUrl}',
    },
    callback_confirmed: {
      subject: '回电已预约：{when}',
      body: '您好：\n\n我们将在 {when} 致电 {phone}。预约号：{reference}。\n\n如时间不再合适，可在此改约或取消：{link}\n\n请勿转发此链接：打开它无需密码即可管理您的预约。',
    },
    callback_reminder: {
      subject: '回电提醒：我们将在 {when} 致电您',
      body: '您好：\n\n提醒您，我们将在 {when} 致电 {phone}（预约号 {reference}）。请保持电话畅通。\n\n如需改约或取消：{link}',
    },
    callback_cancelled: {
      subject: '回电预约 {reference} 已取消',
      body: '您好：\n\n原定于 {when} 的回电（预约号 {reference}）已取消。如仍需帮助，您可以重新预约时间或在线联系我们。',
    },
  },
};
