-- Online chat: contacts (customers as WalletDesk knows them), conversations, messages.
create table contacts (
  id uuid primary key,
  -- The wallet's own customer id, from a wallet-signed token; null for an anonymous visitor.
  wallet_customer_id text unique,
  visitor_id text unique,
  display_name text not null default '',
  locale text not null default 'zh-CN',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  check (wallet_customer_id is not null or visitor_id is not null)
);

create table conversations (
  id uuid primary key,
  contact_id uuid not null references contacts (id),
  channel text not null check (channel in ('web', 'app', 'email', 'api')),
  status text not null default 'bot' check (status in ('bot', 'queued', 'assigned', 'resolved', 'closed')),
  category text,
  language text not null default 'zh-CN',
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  labels text[] not null default '{}',
  flags text[] not null default '{}',
  assignee_id uuid,
  team_id uuid,
  last_seq bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_message_at timestamptz,
  queued_at timestamptz,
  assigned_at timestamptz,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz
);
create index conversations_contact_idx on conversations (contact_id, created_at desc);
create index conversations_status_idx on conversations (status, priority, queued_at);

create table messages (
  id uuid primary key,
  conversation_id uuid not null references conversations (id),
  seq bigint not null,
  -- The sender's own id for this message: a retried send carries the same one and is stored once.
  client_id text not null,
  author_type text not null check (author_type in ('customer', 'bot', 'agent', 'system')),
  author_id text,
  kind text not null default 'text' check (kind in ('text', 'quick_replies', 'card', 'attachment', 'event')),
  text text not null default '',
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  read_at timestamptz,
  unique (conversation_id, seq),
  unique (conversation_id, client_id)
);
