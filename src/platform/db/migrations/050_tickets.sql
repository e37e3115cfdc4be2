-- Tickets (工单) and complaints (投诉): work that outlives one chat.
create table tickets (
  id uuid primary key,
  -- What people quote and what e-mail subjects carry: [#WD-7K3F9Q2M].
  reference text not null unique,
  type text not null default 'request' check (type in ('request', 'complaint')),
  category text not null,
  subject text not null,
  status text not null default 'new' check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  channel text not null check (channel in ('web', 'app', 'help_center', 'email', 'api', 'chat', 'phone')),
  contact_id uuid not null references contacts (id),
  requester_email text,
  language text not null default 'zh-CN',
  assignee_id uuid references agents (id),
  team_id uuid references teams (id),
  conversation_id uuid references conversations (id),
  merged_into_id uuid references tickets (id),
  fields jsonb not null default '{}',
  transaction_reference text,
  amount_minor bigint,
  currency text,
  occurred_at timestamptz,
  error_message text,
  -- Complaints only.
  acknowledged_at timestamptz,
  review_status text not null default 'none' check (review_status in ('none', 'requested', 'approved', 'rejected')),
  reviewed_by uuid references agents (id),
  review_note text,
  escalation_level integer not null default 0,
  outcome jsonb,
  -- The customer's side: when they last looked, so the widget can mark news.
  customer_seen_at timestamptz,
  last_public_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  first_response_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  check ((amount_minor is null) = (currency is null))
);
create index tickets_status_idx on tickets (status, priority, id);
create index tickets_assignee_idx on tickets (assignee_id, status);
create index tickets_contact_idx on tickets (contact_id, id desc);
create index tickets_conversation_idx on tickets (conversation_id);

-- The timeline: public replies, internal notes and events, in order.
create table ticket_entries (
  id uuid primary key,
  ticket_id uuid not null references tickets (id),
  kind text not null check (kind in ('reply', 'note', 'event')),
  author_type text not null check (author_type in ('customer', 'agent', 'system')),
  author_id text,
  body text not null default '',
  data jsonb not null default '{}',
  via text not null,
  created_at timestamptz not null default now()
);
create index ticket_entries_ticket_idx on ticket_entries (ticket_id, id);

create table ticket_attachments (
  attachment_id uuid primary key references attachments (id),
  ticket_id uuid not null references tickets (id),
  entry_id uuid not null references ticket_entries (id)
);
create index ticket_attachments_ticket_idx on ticket_attachments (ticket_id);

-- Related tickets, both directions stored so either side lists the other.
create table ticket_links (
  ticket_id uuid not null references tickets (id),
  related_id uuid not null references tickets (id),
  created_at timestamptz not null default now(),
  primary key (ticket_id, related_id),
  check (ticket_id <> related_id)
);

-- Custom fields per issue type (category): what a good ticket of that type should carry.
create table ticket_fields (
  id uuid primary key,
  category text not null,
  key text not null,
  label_en text not null,
  label_zh text not null,
  kind text not null check (kind in ('text', 'number', 'money', 'date', 'select')),
  options jsonb not null default '[]',
  required boolean not null default false,
  position integer not null default 0,
  unique (category, key)
);
