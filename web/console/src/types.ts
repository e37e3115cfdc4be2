// The shapes the console reads, as the server's OpenAPI describes them.
export type Role = 'admin' | 'supervisor' | 'agent';
export type Presence = 'online' | 'away' | 'offline';

export interface Agent {
  id: string; email: string; name: string; displayName: string; role: Role; active: boolean; presence: Presence; capacity: number;
  skillCategories: string[]; skillLanguages: string[]; teamIds: string[];
}

export interface Team { id: string; name: string; description: string; categories: string[]; languages: string[]; businessHours: unknown; memberIds?: string[] }

export type ConversationStatus = 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface Conversation {
  id: string; contactId: string; channel: string; status: ConversationStatus; category: string | null; language: 'zh-CN' | 'en'; priority: Priority;
  labels: string[]; flags: string[]; assigneeId: string | null; teamId: string | null; lastSeq: number; createdAt: string; updatedAt: string;
  lastMessageAt: string | null; queuedAt: string | null; assignedAt: string | null; firstResponseAt: string | null; acceptedAt: string | null;
  resolvedAt: string | null; resolutionCode: string | null;
}

export interface Contact { id: string; walletCustomerId: string | null; verified: boolean; displayName: string; locale: 'zh-CN' | 'en' }

export interface Message {
  id: string; conversationId: string; seq: number; clientId: string; author: 'customer' | 'bot' | 'agent' | 'system'; kind: 'text' | 'quick_replies' | 'card' | 'attachment' | 'event';
  text: string; payload: Record<string, unknown>; createdAt: string; deliveredAt: string | null; readAt: string | null;
}

export interface Note { id: string; conversationId: string; authorId: string | null; text: string; createdAt: string }

export interface Canned { id: string; shortcut: string; title: string; text: { 'zh-CN': string; en: string } }

export interface Money { amount: number; currency: string }

export interface WalletProfile {
  customerId: string; displayName: string; maskedPhone: string; locale: 'zh-CN' | 'en'; kycLevel: number; status: 'active' | 'frozen' | 'locked' | 'closed';
  statusReason: string | null; limits: { currency: string; single: number; daily: number; usedToday: number }[]; balances: Money[];
}

export interface Transaction {
  reference: string; type: 'top_up' | 'withdrawal' | 'transfer' | 'payment' | 'refund'; status: 'pending' | 'processing' | 'succeeded' | 'failed' | 'reversed';
  amount: number; currency: string; counterparty: string | null; failureCode: string | null; createdAt: string;
}

export interface Diagnosis {
  topic: string; cause: string; reference: string | null; explanation: { 'zh-CN': string; en: string }; nextSteps: { 'zh-CN': string[]; en: string[] };
  eta: string | null; needsHuman: boolean;
}

export interface Dashboard {
  generatedAt: string; since: string; timeZone: string;
  queue: { waiting: number; longestWaitSeconds: number | null };
  agents: { id: string; displayName: string; role: Role; presence: Presence; capacity: number; load: number }[];
  presence: Record<Presence, number>;
  today: {
    conversations: number; handedOver: number; botContainment: number | null;
    firstResponseSeconds: Durations; resolutionSeconds: Durations;
    ratings: { count: number; average: number | null; distribution: number[] };
    hourly: { hour: number; conversations: number; handedOver: number }[];
  };
}

/** GET /api/v1/analytics/return-visits: the last 7 days of follow-up calls beside chat ratings. */
export interface ReturnVisitResults {
  visits: number; reached: number; reachRate: number | null;
  satisfaction: { avg: number | null; count: number }; chatRating: { avg: number | null; count: number };
  reasons: { reason: string; count: number }[]; reopened: number; reopenRate: number | null;
}

interface Durations { count: number; avg: number | null; p50: number | null; p90: number | null }
