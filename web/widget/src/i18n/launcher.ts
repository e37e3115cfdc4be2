// The embed loader's own strings: it runs on the host page and must stay tiny, so it does not pull
// in the chat's catalogs.
export const launcherStrings = {
  'zh-CN': { open: '联系客服', close: '关闭客服', frame: '在线客服' },
  en: { open: 'Chat with support', close: 'Close support chat', frame: 'Customer support' },
} as const;
