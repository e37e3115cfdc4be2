import { ticketCategoryLabels } from '../../../../src/platform/i18n/ticket-categories.js';
import type { enTickets } from './en.tickets.js';

export const zhCNTickets: typeof enTickets = {
  title: '工单',
  viewLabel: '工单范围',
  statuses: { new: '新建', open: '处理中', pending: '待客户回复', on_hold: '挂起', solved: '已解决', closed: '已关闭' },
  statusHints: { new: '尚未处理', open: '正在处理', pending: '等待客户回复', on_hold: '等待第三方（银行、财务）', solved: '已答复；客户再来信会重新打开', closed: '最终状态' },
  types: { request: '请求', complaint: '投诉' },
  categories: ticketCategoryLabels['zh-CN'],
  channels: { web: '网页', app: 'App', help_center: '帮助中心', email: '邮件', api: 'API', chat: '在线会话', phone: '电话' },
  filters: { status: '状态', type: '类型', priority: '优先级', category: '问题类型', search: '工单编号或标题', anyStatus: '任意状态' },
  empty: '没有符合条件的工单。',
  pick: '从列表中选择一个工单。',
  header: {
    label: '工单', status: '状态', priority: '优先级', type: '类型', category: '问题类型', assignee: '处理人', team: '团队', customer: '客户',
    unassigned: '未分配', noTeam: '无团队', takeIt: '分配给我', me: (name: string) => `${name}（我）`, openChat: '打开会话', channel: '来源',
    opened: (time: string) => `创建于 ${time}`, email: '邮箱', walletId: '钱包 ID', transaction: '交易', txReference: '交易编号', amount: '金额',
    occurredAt: '时间', appError: '页面报错', back: '返回列表', merged: (reference: string) => `已合并到 ${reference}，请在那里继续处理。`,
  },
  timeline: {
    label: '处理记录', reply: '公开回复', note: '内部备注', customer: '客户', agent: '客服', system: '系统', you: '我',
    scam: '疑似诈骗', mergedFrom: (reference: string) => `被合并工单 ${reference} 的原始请求`, files: '附件',
  },
  events: {
    status_changed: (from: string, to: string) => `状态：${from} → ${to}`,
    assigned: (who: string, team: string) => `分配给 ${who}${team ? ` · ${team}` : ''}`,
    unassigned: '取消分配',
    priority_changed: (from: string, to: string) => `优先级：${from} → ${to}`,
    merged_into: (reference: string) => `已合并到 ${reference}`,
    acknowledged: '已向客户确认收到投诉',
    review_requested: '已申请主管审核',
    reviewed: { approved: '主管已审核通过处理结果', rejected: '主管驳回了处理结果' },
    escalated: (level: number) => `已升级到第 ${level} 级`,
    other: (name: string) => `事件：${name}`,
  },
  reply: {
    label: '处理工单', sendAs: '发送方式', asReply: '公开回复', asNote: '内部备注',
    placeholder: '回复客户（会通过邮件和 App 通知客户）。', notePlaceholder: '内部备注：仅员工可见，不会发给客户。',
    statusOnSend: '并将状态设为', keepStatus: '保持状态', send: '发送回复', addNote: '添加备注', attach: '添加附件',
    remove: (name: string) => `移除 ${name}`, uploading: (pct: number) => `上传中… ${pct}%`, refused: '未发送', filesOnReplies: '附件只能随公开回复发送。',
  },
  fields: { title: '详细信息', none: '该问题类型没有额外字段。', required: '必填', save: '保存详细信息', money: '金额，如 12.34', saved: '已保存。' },
  sla: {
    title: 'SLA 时效', none: '该工单没有 SLA 计时。',
    metrics: { acknowledgement: '确认收到', first_response: '首次响应', next_response: '再次响应', resolution: '解决' },
    statuses: { running: '计时中', paused: '已暂停', met: '已达成', breached: '已超时', cancelled: '已取消' },
    left: (d: string) => `剩余 ${d}`, due: (time: string) => `截止 ${time}`, breachedAt: (time: string) => `${time} 超时`,
  },
  links: {
    title: '关联工单', none: '没有关联工单。', kinds: { related: '相关', merged_from: '已合并到本工单', merged_into: '本工单已合并到' },
    find: '按工单编号或标题查找', search: '查找', link: '关联', unlink: '取消关联', noResults: '没有找到工单。',
  },
  merge: {
    title: '合并到其他工单', hint: '用于同一客户的重复工单：本工单将被关闭，其原始请求会添加到保留的工单中。',
    candidates: '该客户的其他未关闭工单', pick: '合并到这个工单', confirmTitle: '确定合并这个工单？',
    confirm: (source: string, into: string) => `${source} 将被关闭并合并到 ${into}，此操作无法撤销。`, confirmButton: '合并', none: '该客户没有其他未关闭的工单。',
  },
  complaint: {
    title: '投诉', acknowledged: (time: string) => `已于 ${time} 确认收到`, notAcknowledged: '尚未向客户确认收到', acknowledge: '确认收到投诉',
    review: '主管审核', reviewStatuses: { none: '未申请', requested: '等待主管审核', approved: '已通过', rejected: '已驳回：请修改后重新申请' },
    requestReview: '申请审核', requestNote: '处理方案（给审核人）', reviewNote: '审核意见', decision: '审核结果', approve: '通过', reject: '驳回',
    outcome: '处理结果', outcomes: { upheld: '投诉成立', partially_upheld: '部分成立', not_upheld: '投诉不成立', goodwill: '善意补偿' },
    summary: '结果说明', compensation: '补偿金额（可选，如 12.34）', compensationPaid: '补偿', currency: '币种', submitReview: '提交审核结果',
    escalate: '升级', escalationNote: '升级原因（可选）', level: (n: number) => `升级等级 ${n}`, recorded: '已记录的处理结果', badAmount: '请按 12.34 的格式填写金额。',
  },
  fromChat: {
    open: '转工单', title: '将此会话转为工单', subject: '标题（可选）', type: '类型', priority: '优先级',
    note: '内部备注（可选）', create: '创建并打开', hint: '聊天记录会作为第一条内部记录；客户会在会话中收到工单编号。',
  },
  notices: {
    label: '工单通知', dismiss: '关闭',
    assigned: (reference: string, subject: string) => `工单 ${reference} 已分配给你：${subject}`,
    customerReplied: (reference: string, subject: string) => `客户回复了工单 ${reference}：${subject}`,
    slaBreached: (reference: string, metric: string) => `工单 ${reference} SLA 超时：${metric}`,
    reviewRequested: (reference: string, subject: string) => `投诉 ${reference} 等待你审核：${subject}`,
  },
  slaAdmin: {
    title: 'SLA 策略', hint: '目标时长按工单所属团队营业时间内的分钟数计算。工单在计时开始或优先级变化时采用新的目标。',
    name: '名称', policy: '类型与优先级', firstResponse: '首次响应', nextResponse: '再次响应', resolution: '解决', acknowledgement: '确认收到',
    minutes: '营业分钟', warnAt: '预警点（目标时长已用 %）', actions: '超时后', actionNames: { notify: '通知主管', raise_priority: '提升优先级', reassign: '重新分配' },
    active: '启用', hoursTeam: '采用谁的营业时间（无团队的工单）', aroundTheClock: '全天候', targets: '目标',
  },
};
