-- Callback requests (回电预约): a customer asks to be called in a slot of the team that handles
-- the topic. Capacity per team, the seats taken per slot, and the requests themselves.
create table callback_capacity (
  team_id uuid primary key references teams (id) on delete cascade,
  slot_minutes integer not null check (slot_minutes between 5 and 240),
  capacity_per_slot integer not null check (capacity_per_slot between 0 and 1000),
  -- A slot is offered only when it starts at least this long from now.
  lead_minutes integer not null check (lead_minutes between 0 and 10080),
  days_ahead integer not null check (days_ahead between 1 and 60),
  updated_at timestamptz not null default now()
);

-- One row per slot that has ever been booked: created on the first booking with the team's
-- capacity at that time, then counted up and down in place. The check is what makes a full slot
-- refuse a seat under concurrency (UPDATE ... WHERE booked < capacity).
create table callback_slots (
  team_id uuid not null references teams (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  booked integer not null default 0,
  capacity integer not null,
  primary key (team_id, starts_at),
  check (booked >= 0 and booked <= capacity),
  check (ends_at > starts_at)
);

create table callback_requests (
  id uuid primary key,
  -- What people quote: CB-7K3F9Q2M.
  reference text not null unique,
  contact_id uuid not null references contacts (id),
  wallet_customer_id text,
  -- 'wallet': the number stays in the wallet, only its masked form is here; 'entered': typed and
  -- validated, kept in E.164 for the call.
  phone_source text not null check (phone_source in ('wallet', 'entered')),
  phone_e164 text,
  phone_masked text not null,
  timezone text not null,
  language text not null default 'zh-CN',
  topic text not null,
  -- Customer text, masked by the guard before it is written.
  note text,
  -- Null once the team is deleted; a reschedule picks the topic's team again.
  team_id uuid references teams (id) on delete set null,
  slot_starts_at timestamptz not null,
  slot_ends_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'completed', 'unreached', 'cancelled')),
  conversation_id uuid references conversations (id),
  ticket_id uuid references tickets (id),
  -- The reminder: claimed by one node (reminded_at, with a lease), then announced (reminder_sent_at);
  -- a claim whose lease passes unannounced is taken over by another node.
  reminded_at timestamptz,
  reminder_lease_until timestamptz,
  reminder_sent_at timestamptz,
  -- 'customer', or the staff member's id (agent or API token) who booked it.
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  completed_at timestamptz,
  check ((phone_source = 'entered') = (phone_e164 is not null)),
  check (slot_ends_at > slot_starts_at)
);
create index callback_requests_contact_idx on callback_requests (contact_id, id desc);
create index callback_requests_status_idx on callback_requests (status, id desc);
create index callback_requests_reminder_idx on callback_requests (slot_starts_at) where status = 'scheduled' and reminder_sent_at is null;
