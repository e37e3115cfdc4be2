import type { BusinessHours } from './business-hours.js';
import type { Role } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';

export const presences = ['online', 'away', 'offline'] as const;
export type Presence = (typeof presences)[number];

/** A staff member as the rest of the product sees them (never the password hash). */
export interface Agent {
  id: string;
  email: string;
  name: string;
  /** The name customers see in chat. */
  displayName: string;
  role: Role;
  active: boolean;
  presence: Presence;
  presenceChangedAt: Date;
  /** How many conversations the agent handles at once. */
  capacity: number;
  /** Issue categories the agent can take (`top_up`, `payment_failed`...). */
  skillCategories: string[];
  /** Languages the agent serves customers in (`zh-CN`, `en`). */
  skillLanguages: string[];
  teamIds: string[];
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  /** Issue categories whose handovers join this team's queue. */
  categories: string[];
  /** Languages it serves; empty: all. */
  languages: string[];
  /** Null: answers around the clock. */
  businessHours: BusinessHours | null;
  memberIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD');
}

export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** Admins may not remove the last active admin, or nobody could administer the system. */
export function wouldRemoveLastAdmin(
  target: Pick<Agent, 'role' | 'active'>,
  change: { role?: Role; active?: boolean },
  activeAdminCount: number,
): boolean {
  const isActiveAdmin = target.role === 'admin' && target.active;
  const staysActiveAdmin = (change.role ?? target.role) === 'admin' && (change.active ?? target.active);
  return isActiveAdmin && !staysActiveAdmin && activeAdminCount <= 1;
}
