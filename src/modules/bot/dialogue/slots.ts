/**
 * The details a customer gives in passing: "充了500怎么没到", "what about yesterday's one?",
 * "TR20261122AB12 still pending". Extracted by rules because they are few, regular and must be
 * exact: an amount read wrongly sends the diagnosis to the wrong transaction.
 */
export interface Slots {
  /** Minor units. */
  amount?: number;
  currency?: string;
  /** The customer's calendar day, YYYY-MM-DD in China time (the wallet's business day). */
  date?: string;
  reference?: string;
}

const referencePattern = /\b(TU|WD|TR|PY|RF)(\d{8})([A-Z0-9]{4,12})\b/i;

const currencyWords: [RegExp, string][] = [
  [/港币|港元|港幣|hk\$|hkd/i, 'HKD'],
  [/美元|美金|usd|us\$|\$/i, 'USD'],
  [/人民币|元|块|塊|rmb|cny|¥|￥|yuan/i, 'CNY'],
];

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const chineseUnits: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 萬: 10_000 };

/** "五百" 500, "一千二" 1200, "两万" 20000, "十五" 15; null when it is not a number. */
export function parseChineseNumber(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  let zero = false;
  for (const ch of text) {
    if (ch in chineseDigits) {
      digit = chineseDigits[ch]!;
      if (digit === 0) zero = true;
    } else if (ch in chineseUnits) {
      const unit = chineseUnits[ch]!;
      if (unit === 10_000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        section += (digit ?? 1) * unit;
      }
      digit = null;
      zero = false;
      lastUnit = unit;
    } else {
      return null;
    }
  }
  // "一千二" means 1200: a trailing digit counts in the next unit down, unless a zero stood
  // between ("两百零五" is 205).
  if (digit !== null) section += !zero && lastUnit >= 100 && lastUnit < 10_000 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

const amountPattern =
  /(?:(¥|￥|\$|hk\$|rmb|cny|usd|hkd)\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(万|萬|k\b)?\s*(元|块|塊|rmb|cny|yuan|usd|hkd|dollars?|港币|港元|美元|美金)?/gi;
const chineseAmountPattern = /([零〇一二两兩三四五六七八九十百千万萬]+)\s*(元|块|塊)/;

function currencyOf(text: string): string | undefined {
  for (const [pattern, currency] of currencyWords) if (pattern.test(text)) return currency;
  return undefined;
}

function amountOf(text: string): { amount: number; currency?: string } | undefined {
  for (const m of text.matchAll(amountPattern)) {
    const [, before, whole, cents, multiplier, after] = m;
    // A bare number is an amount only with a currency next to it, or when it is the only number
    // and sits near money words; dates and references are taken out before this runs.
    if (!before && !after && !multiplier) continue;
    let major = Number(whole!.replace(/,/g, ''));
    if (multiplier) major *= /k/i.test(multiplier) ? 1000 : 10_000;
    const minor = Math.round(major * 100) + (cents ? Number(cents.padEnd(2, '0')) : 0);
    return { amount: minor, currency: currencyOf(`${before ?? ''}${after ?? ''}`) };
  }
  const zh = chineseAmountPattern.exec(text);
  if (zh) {
    const major = parseChineseNumber(zh[1]!);
    if (major !== null && major > 0) return { amount: major * 100, currency: 'CNY' };
  }
  // "充了500怎么没到": a lone number after a money verb is an amount in the wallet's currency.
  const verb = /(充值?|转账?|轉賬?|付款?|支付|提现|提現|退款?|top.?up|transfer(?:red)?|paid|pay|sent|withdr[ae]w\w*|refund(?:ed)?)\s*(?:了|of)?\s*(\d+(?:\.\d{1,2})?)/i.exec(text);
  if (verb) return { amount: Math.round(Number(verb[2]) * 100) };
  return undefined;
}

const day = 86_400_000;
const chinaOffset = 8 * 3_600_000;
const chinaDate = (ms: number) => new Date(ms + chinaOffset).toISOString().slice(0, 10);
const weekdayNames: [RegExp, number][] = [
  [/(周|星期|禮拜|礼拜)(一|1)|monday|\bmon\b/i, 1],
  [/(周|星期|禮拜|礼拜)(二|2)|tuesday|\btue\b/i, 2],
  [/(周|星期|禮拜|礼拜)(三|3)|wednesday|\bwed\b/i, 3],
  [/(周|星期|禮拜|礼拜)(四|4)|thursday|\bthu\b/i, 4],
  [/(周|星期|禮拜|礼拜)(五|5)|friday|\bfri\b/i, 5],
  [/(周|星期|禮拜|礼拜)(六|6)|saturday|\bsat\b/i, 6],
  [/(周|星期|禮拜|礼拜)(日|天|7)|sunday|\bsun\b/i, 7],
];

function dateOf(text: string, now: Date): string | undefined {
  const today = now.getTime();
  if (/大前天|three days ago/i.test(text)) return chinaDate(today - 3 * day);
  if (/前天|day before yesterday/i.test(text)) return chinaDate(today - 2 * day);
  if (/昨天|昨日|yesterday|yday/i.test(text)) return chinaDate(today - day);
  if (/今天|今日|today|this morning|tonight|今早|今晚/i.test(text)) return chinaDate(today);
  const ago = /(\d+|[一二两三四五六七])\s*天前|(\d+)\s*days? ago/i.exec(text);
  if (ago) {
    const n = ago[1] ? (/\d/.test(ago[1]) ? Number(ago[1]) : parseChineseNumber(ago[1])!) : Number(ago[2]);
    if (n > 0 && n < 100) return chinaDate(today - n * day);
  }
  const iso = /\b(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
  const zhDate = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/.exec(text);
  if (zhDate) return pastDate(Number(zhDate[1]), Number(zhDate[2]), now);
  for (const [pattern, weekday] of weekdayNames) {
    if (pattern.test(text)) {
      // "上周五" / "last friday" / "周五": the most recent such day before today.
      const china = new Date(today + chinaOffset);
      const current = china.getUTCDay() || 7;
      let back = (current - weekday + 7) % 7 || 7;
      if (/上周|上星期|last\s/i.test(text) && back < current) back += 7;
      return chinaDate(today - back * day);
    }
  }
  return undefined;
}

/** Month/day without a year: this year's, unless that is still ahead, then last year's. */
function pastDate(month: number, dayOfMonth: number, now: Date): string | undefined {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const year = new Date(now.getTime() + chinaOffset).getUTCFullYear();
  const candidate = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  return candidate > chinaDate(now.getTime()) ? `${year - 1}${candidate.slice(4)}` : candidate;
}

export function extractSlots(text: string, now: Date): Slots {
  const slots: Slots = {};
  const ref = referencePattern.exec(text);
  let rest = text;
  if (ref) {
    slots.reference = ref[0].toUpperCase();
    rest = rest.replace(ref[0], ' ');
  }
  const date = dateOf(rest, now);
  if (date) slots.date = date;
  // Dates are not amounts: "11月22日" and "2026-11-22" are removed before amounts are read.
  rest = rest.replace(/\b20\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b/g, ' ').replace(/\d{1,2}\s*月\s*\d{1,2}\s*[日号號]/g, ' ').replace(/\d+\s*(天前|days? ago)/gi, ' ');
  const amount = amountOf(rest);
  if (amount) {
    slots.amount = amount.amount;
    if (amount.currency) slots.currency = amount.currency;
  }
  return slots;
}
