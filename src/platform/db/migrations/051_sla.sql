-- SLA policies (targets per ticket type and priority, in business minutes) and the timers they
-- set on tickets. Timer state lives only here, so timers survive restarts and every node sees them.
create table sla_policies (
  id uuid primary key,
  name text not null,
  ticket_type text not null check (ticket_type in ('request', 'complaint')),
  priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  first_response_minutes integer not null check (first_response_minutes > 0),
  next_response_minutes integer not null check (next_response_minutes > 0),
  resolution_minutes integer not null check (resolution_minutes > 0),
  -- Complaints: the deadline for telling the customer the complaint was received.
  acknowledgement_minutes integer check (acknowledgement_minutes > 0),
  warn_at_percent integer not null default 80 check (warn_at_percent between 1 and 99),
  breach_actions text[] not null default '{notify}' check (breach_actions <@ array['notify', 'raise_priority', 'reassign']),
  -- Whose business hours count for a ticket without a team; null: around the clock.
  hours_team_id uuid references teams (id) on delete set null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (ticket_type, priority)
);

create table sla_timers (
  id uuid primary key,
  ticket_id uuid not null references tickets (id),
  metric text not null check (metric in ('acknowledgement', 'first_response', 'next_response', 'resolution')),
  status text not null check (status in ('running', 'paused', 'met', 'breached', 'cancelled')),
  policy_id uuid not null references sla_policies (id),
  -- The team whose business hours the timer counts in; null (or the team deleted): around the clock.
  team_id uuid references teams (id) on delete set null,
  target_ms bigint not null,
  -- Business time used by earlier runs; the current run started at running_since.
  elapsed_ms bigint not null default 0,
  running_since timestamptz,
  due_at timestamptz,
  warn_at timestamptz,
  -- Claimed by a node (warned_at, breached_at) and announced (warning_sent_at, breach_handled_at):
  -- a claim whose lease passes unannounced is taken over by another node.
  warned_at timestamptz,
  warning_sent_at timestamptz,
  breached_at timestamptz,
  breach_handled_at timestamptz,
  lease_until timestamptz,
  met_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (ticket_id, metric),
  check ((status = 'running') = (running_since is not null))
);
create index sla_timers_due_idx on sla_timers (due_at) where status = 'running';
create index sla_timers_warn_idx on sla_timers (warn_at) where status = 'running' and warned_at is null;
create index sla_timers_unannounced_idx on sla_timers (lease_until)
  where (warned_at is not null and warning_sent_at is null) or (breached_at is not null and breach_handled_at is null);
