export { scanText, maskText, securityWarning, scamAdvice } from './scan.js';
export { checkAgentMessage } from './agent-outbound.js';
export { maskDeep } from './mask-deep.js';
export { detectLang, secretTypes, personalTypes } from './guard.js';
export type { Lang, SecretType, PersonalType, FindingType, Finding, ScanResult, ScamSignal, OutboundVerdict } from './guard.js';
