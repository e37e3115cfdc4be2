import type { Catalog } from './en.js';

export const zhCN: Catalog = {
  errors: {
    VALIDATION_FAILED: '有字段缺失或格式不正确。',
    INVALID_JSON: '请求内容不是有效的 JSON。',
    UNSUPPORTED_MEDIA_TYPE: '不支持该内容类型。',
    PAYLOAD_TOO_LARGE: '请求内容过大。',
    ROUTE_NOT_FOUND: '地址不存在。',
    NOT_FOUND: '未找到。',
    AUTH_REQUIRED: '请先登录。',
    INVALID_CREDENTIALS: '邮箱或密码错误。',
    SESSION_EXPIRED: '登录已过期，请重新登录。',
    INVALID_TOKEN: '访问令牌无效、已过期或已被撤销。',
    ACCOUNT_LOCKED: '登录失败次数过多，账号已暂时锁定，请稍后再试。',
    ACCOUNT_DISABLED: '该账号已停用。',
    FORBIDDEN: '您没有执行此操作的权限。',
    CSRF_FAILED: '页面安全令牌缺失或已过期，请刷新后重试。',
    INSUFFICIENT_SCOPE: '该 API 令牌没有执行此操作所需的权限范围。',
    RATE_LIMITED: '请求过于频繁，请稍后再试。',
    CONFLICT: '与当前状态冲突。',
    EMAIL_TAKEN: '该邮箱已被注册。',
    TEAM_NAME_TAKEN: '已存在同名团队。',
    AGENT_NOT_FOUND: '客服不存在。',
    TEAM_NOT_FOUND: '团队不存在。',
    API_TOKEN_NOT_FOUND: 'API 令牌不存在。',
    WEAK_PASSWORD: '密码长度至少为 10 个字符。',
    LAST_ADMIN: '此操作会导致没有可用的管理员。',
    NOT_READY: '服务尚未就绪。',
    SHUTTING_DOWN: '服务正在重启，请稍后重试。',
    INTERNAL_ERROR: '系统出了点问题，请稍后重试。',
  },  guard: {
    placeholders: {
      seed_phrase: '[助记词已隐藏]',
      private_key: '[私钥已隐藏]',
      extended_private_key: '[私钥已隐藏]',
      password: '[密码已隐藏]',
      payment_pin: '[支付密码已隐藏]',
      verification_code: '[验证码已隐藏]',
      cvv: '[CVV已隐藏]',
    },
    securityWarning:
      '为了您的安全，我们已隐藏疑似敏感信息的内容。官方工作人员绝不会向您索要助记词、私钥、登录密码、支付密码或验证码，请勿告诉任何人。',
    scamAdvice:
      '这很可能是诈骗。请不要转账，不要透露任何验证码，立即挂断电话或结束聊天。真正的客服绝不会让您把钱转到“安全账户”、共享屏幕、下载安装软件，或先交钱才能退款、解冻账户。',
  },
};
