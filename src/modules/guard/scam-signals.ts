import type { ScamSignal } from './guard.js';

/**
 * Impersonation scams follow a script: someone poses as support, police or the platform, then asks
 * for one of a few things. Each signal is one of those asks; `impersonation` is the pose itself.
 */
const signals: [ScamSignal, RegExp][] = [
  ['impersonation', /(自称|自稱|冒充|假冒|说是|說是|声称|聲稱|号称|號稱|claim(?:ed|ing|s)? to be|pretend(?:ed|ing)? to be|posing as|said (?:he|she|they) (?:was|were|is|are)|introduced (?:himself|herself|themselves) as)\s*.{0,12}(客服|警察|公安|民警|警官|平台|官方|工作人员|工作人員|银行|銀行|检察院|檢察院|法院|support|customer service|police|officer|platform|bank|staff|agent|official|government)/i],
  ['safe_account', /(安全账户|安全賬戶|安全账号|安全帳號|安全帐户|保险账户|保險賬戶|资金核查|資金核查|safe account|secure account|safety account|protected account|holding account)/i],
  ['screen_share', /(共享屏幕|屏幕共享|共享螢幕|螢幕共享|开启共享|開啟共享|share (?:my |the |your )?screen|screen ?shar(?:e|ing)|远程控制|遠程控制|remote (?:control|access))/i],
  ['install_app', /((?:下载|下載|安装|安裝|装一个|裝一個).{0,10}(?:app|APP|软件|軟件|应用|應用|会议|會議)|install(?:ed|ing)? (?:an? |the |this |their )?(?:app|application|software)|download(?:ed|ing)? (?:an? |the |this |their )?(?:app|application|software)|anydesk|teamviewer|向日葵|zoom会议|zoom會議)/i],
  ['give_code', /((?:要|索要|问我要|問我要|让我发|讓我發|让我告诉|讓我告訴|发给他|發給他|报给|報給|提供).{0,8}(?:验证码|驗證碼|动态码|動態碼|短信码|短信碼)|ask(?:ed|ing|s)? (?:me )?(?:for )?(?:my |the )?(?:verification |sms |security )?(?:code|otp)|(?:give|send|tell|read) (?:him|her|them) (?:my |the )?(?:verification |sms )?(?:code|otp))/i],
  ['pay_for_refund', /((?:先交|先付|缴纳|繳納|支付|交).{0,8}(?:保证金|保證金|手续费|手續費|费用|費用|税|稅).{0,10}(?:退款|理赔|理賠|赔偿|賠償)|(?:退款|理赔|理賠|赔偿|賠償).{0,10}(?:先交|先付|要交|需要交|缴纳|繳納).{0,6}(?:钱|錢|费|費|保证金|保證金)|pay.{0,25}(?:to (?:get|receive|release)|before (?:i|you) (?:get|receive)|for) (?:a |the |my )?(?:refund|compensation)|(?:refund|compensation).{0,30}(?:pay|transfer|send).{0,15}(?:fee|deposit|tax|first|upfront))/i],
  ['pay_to_unfreeze', /((?:解冻|解凍|解封).{0,10}(?:要|需要|先|得)?(?:交|付|转|轉|缴|繳).{0,10}(?:钱|錢|费|費|保证金|保證金)|(?:交|付|转|轉|缴|繳).{0,8}(?:钱|錢|费|費|保证金|保證金).{0,8}(?:解冻|解凍|解封)|pay.{0,25}(?:to )?unfreez|unfreez.{0,25}(?:fee|pay|deposit))/i],
];

/** Signals that mean a scam even without the pose being spelled out. */
const decisive = new Set<ScamSignal>(['safe_account', 'pay_for_refund', 'pay_to_unfreeze']);

/** Every signal needs one of these words; most chat has none, so one test skips all the rest. */
const trigger = /客服|警|公安|平台|官方|工作人员|工作人員|银行|銀行|法院|检察|檢察|安全账|安全賬|安全帐|安全帳|保险账|保險賬|核查|屏幕|螢幕|共享|远程|遠程|下载|下載|安装|安裝|装一|裝一|验证码|驗證碼|动态码|動態碼|短信码|短信碼|退款|理赔|理賠|赔偿|賠償|解冻|解凍|解封|向日葵|claim|pretend|posing|said|introduced|account|screen|remote|install|download|anydesk|teamviewer|code|otp|refund|compensation|unfreez/i;

export function findScamSignals(text: string): { scam: boolean; signals: ScamSignal[] } {
  if (!trigger.test(text)) return { scam: false, signals: [] };
  const found = signals.filter(([, re]) => re.test(text)).map(([s]) => s);
  const posed = found.includes('impersonation');
  const scam = found.some((s) => decisive.has(s)) || (posed && found.length > 1);
  return { scam, signals: found };
}
