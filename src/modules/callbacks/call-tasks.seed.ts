import { uuidv7 } from 'uuidv7';
import type { Seeder } from '../../platform/seeding.js';
import type { CallTasksStore } from './call-tasks.store.js';
import type { RuleFields } from './return-visits.service.js';

const hours = (n: number) => n * 60;

/**
 * Every install starts with the return visits a wallet service needs most, which supervisors then
 * tune: a check that money problems, frozen accounts and complaints really are solved; a call
 * after a low chat rating; a safety call after a security emergency; and a sample of resolved
 * chats for satisfaction.
 */
export const defaultRules: RuleFields[] = [
  { name: '问题回访 Problem check: payment, frozen account, complaint', trigger: 'ticket_solved', categories: ['payment_failed', 'frozen_account', 'complaint'], maxRating: null, sampleRate: 100, delayMinutes: hours(24), dueWithinMinutes: hours(48), purpose: 'problem_check', priority: 'normal', active: true },
  { name: '差评回访 Low rating', trigger: 'low_rating', categories: [], maxRating: 2, sampleRate: 100, delayMinutes: hours(2), dueWithinMinutes: hours(24), purpose: 'satisfaction_survey', priority: 'high', active: true },
  { name: '安全回访 Security emergency', trigger: 'security_emergency', categories: [], maxRating: null, sampleRate: 100, delayMinutes: hours(1), dueWithinMinutes: hours(4), purpose: 'problem_check', priority: 'urgent', active: true },
  { name: '满意度抽样 Satisfaction sample', trigger: 'conversation_resolved', categories: [], maxRating: null, sampleRate: 10, delayMinutes: hours(24), dueWithinMinutes: hours(72), purpose: 'satisfaction_survey', priority: 'low', active: true },
];

export function callTasksSeeders(store: CallTasksStore): Seeder[] {
  return [
    {
      name: 'callbacks.default_return_visit_rules',
      demo: false,
      run: () => store.insertRules(defaultRules.map((r) => ({ id: uuidv7(), ...r }))),
    },
  ];
}
