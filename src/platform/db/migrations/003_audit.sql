create table audit_events (
  id uuid primary key,
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('agent', 'api_token', 'customer', 'system')),
  actor_id text,
  action text not null,
  target_type text,
  target_id text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_events_at_idx on audit_events (at desc, id desc);
create index audit_events_actor_idx on audit_events (actor_id, at desc);
create index audit_events_target_idx on audit_events (target_type, target_id, at desc);
create index audit_events_action_idx on audit_events (action, at desc);
