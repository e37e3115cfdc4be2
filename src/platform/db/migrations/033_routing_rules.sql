-- Teams own categories and languages (the queue a handover joins) and business hours; an
-- assignment must be accepted in time or it moves on; a resolution records why it ended.
alter table teams
  add column categories text[] not null default '{}',
  add column languages text[] not null default '{}',
  -- {timeZone, weekly: {mon: [["09:00","18:00"]], ...}, holidays: ["2026-10-01"]}; null: always open.
  add column business_hours jsonb;

alter table conversations
  add column accepted_at timestamptz,
  -- Agents who let this conversation's offer expire: offered to others first next time.
  add column skipped_agent_ids uuid[] not null default '{}',
  add column resolution_code text;
create index conversations_offer_idx on conversations (assigned_at) where status = 'assigned' and accepted_at is null;
