-- Return visits (回访) and call tasks: phone work for agents, from rules and booked callbacks.

-- When a follow-up call is due: after a solved ticket or resolved chat of some categories, a low
-- rating or a security emergency, for all or a sample of them.
create table return_visit_rules (
  id uuid primary key,
  name text not null,
  trigger text not null check (trigger in ('ticket_solved', 'conversation_resolved', 'low_rating', 'security_emergency')),
  -- Ticket categories or bot intents' categories; empty means every one.
  categories jsonb not null default '[]',
  max_rating integer check (max_rating between 1 and 5),
  sample_rate integer not null default 100 check (sample_rate between 0 and 100),
  delay_minutes integer not null check (delay_minutes >= 0),
  due_within_minutes integer not null check (due_within_minutes > 0),
  purpose text not null check (purpose in ('problem_check', 'satisfaction_survey', 'education')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table call_tasks (
  id uuid primary key,
  kind text not null check (kind in ('callback', 'return_visit')),
  purpose text not null check (purpose in ('callback', 'problem_check', 'satisfaction_survey', 'education')),
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'failed', 'cancelled')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  -- The earliest time to call, and the time by which the call should have happened.
  due_at timestamptz not null,
  deadline_at timestamptz not null,
  -- Where the queue orders the task: due_at at first, moved by each unanswered attempt.
  next_attempt_at timestamptz not null,
  attempts integer not null default 0,
  max_attempts integer not null check (max_attempts > 0),
  contact_id uuid not null references contacts (id),
  wallet_customer_id text,
  -- 'wallet': the number stays in the wallet and is asked for only when dialing; 'entered': typed by the
  -- customer, kept in E.164; 'none': nobody knows it.
  phone_source text not null check (phone_source in ('wallet', 'entered', 'none')),
  phone_e164 text,
  phone_masked text,
  timezone text not null,
  language text not null default 'zh-CN',
  topic text,
  ticket_id uuid references tickets (id),
  conversation_id uuid references conversations (id),
  callback_id uuid unique references callback_requests (id),
  rule_id uuid references return_visit_rules (id) on delete set null,
  -- Idempotency for tasks created from events: every node handles every event.
  source_key text unique,
  assignee_id uuid references agents (id),
  answers jsonb not null default '{}',
  satisfaction integer check (satisfaction between 1 and 5),
  reason text,
  outcome text check (outcome in ('reached', 'no_answer', 'wrong_number', 'call_back_later')),
  -- What the agent did after a reached call: reopened the ticket, or opened a new one (this id).
  follow_up text check (follow_up in ('none', 'reopen_ticket', 'create_ticket')),
  follow_up_ticket_id uuid references tickets (id),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((phone_source = 'entered') = (phone_e164 is not null))
);
create index call_tasks_queue_idx on call_tasks (status, next_attempt_at, id);
create index call_tasks_assignee_idx on call_tasks (assignee_id, status);
create index call_tasks_due_idx on call_tasks (due_at);
create index call_tasks_completed_idx on call_tasks (completed_at);

-- Every attempt, reached or not: who called, when, and what came of it.
create table call_attempts (
  id uuid primary key,
  task_id uuid not null references call_tasks (id),
  agent_id uuid references agents (id),
  at timestamptz not null,
  outcome text not null check (outcome in ('reached', 'no_answer', 'wrong_number', 'call_back_later')),
  note text,
  answers jsonb not null default '{}'
);
create index call_attempts_task_idx on call_attempts (task_id, at);

-- One row: when customers are not called (in their own time zone) and how unreached ones are retried.
create table call_policy (
  id integer primary key default 1 check (id = 1),
  quiet_start text not null,
  quiet_end text not null,
  max_attempts integer not null check (max_attempts > 0),
  retry_spacing_minutes integer[] not null,
  updated_at timestamptz not null default now()
);
insert into call_policy (id, quiet_start, quiet_end, max_attempts, retry_spacing_minutes) values (1, '21:00', '09:00', 3, '{60,240,1440}');
