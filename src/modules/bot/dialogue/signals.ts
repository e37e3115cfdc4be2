/**
 * Signals read by rules next to the classifier, because they must never be missed: a customer
 * who asks for a human or is angry is handed over whatever the model thinks of the rest of the
 * sentence.
 */

const humanRequest = /转人工|轉人工|人工客服|人工服务|人工服務|真人|找人工|要人工|接人工|客服人员|客服人員|\bhuman\b|real person|live agent|\bagent\b|speak to (?:someone|somebody|a person)|talk to (?:someone|somebody|a person)|customer service rep|representative/i;

/** Words of anger and threats to complain publicly; each counts, capitals and !!! add to it. */
const angerWords = /垃圾|骗子|騙子|坑人|黑心|气死|氣死|太差|什么破|什麼破|搞什么|搞什麼|耍我|忽悠|滚|滾|妈的|媽的|tmd|他妈|他媽|报警|報警|曝光|投诉你们|投訴你們|scam(?:mers)?\b|useless|ridiculous|pathetic|terrible|worst|rubbish|garbage|wtf|fuck|shit|damn|unacceptable|furious|angry|i will sue|report you/gi;

export function asksForHuman(text: string): boolean {
  return humanRequest.test(text);
}

/** 0 calm, 1 annoyed, 2 or more angry. */
export function angerLevel(text: string): number {
  let level = (text.match(angerWords) ?? []).length;
  if (/[!！]{3,}/.test(text)) level += 1;
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 8 && letters === letters.toUpperCase()) level += 1;
  return level;
}

/** "still not arrived", "还是没到", "again": the customer is following up on the last answer. */
export function isFollowUp(text: string): boolean {
  return /还是|還是|还没|還沒|仍然|依然|still|again|yet\b|not yet|what about|那.{0,6}呢|呢[?？]?$/i.test(text);
}
