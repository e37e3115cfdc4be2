-- Webhooks: endpoints admins configure, the outbox of deliveries, and every attempt made.
create table webhook_endpoints (
  id uuid primary key,
  url text not null,
  description text not null default '',
  -- Event names, or '*' for all.
  events text[] not null,
  active boolean not null default true,
  -- An HMAC key has to be kept as it is to sign with; it is shown only at creation and rotation.
  secret text not null,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_deliveries (
  id uuid primary key,
  endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
  event_id text not null,
  event_name text not null,
  -- Exactly the bytes sent (and signed) on every attempt.
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  -- A node claims a delivery until then; a node that dies mid-send lets it go when this passes.
  locked_until timestamptz,
  redelivery_of uuid,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
-- Every node handles every event (Redis fans out to all): the first insert wins.
create unique index webhook_deliveries_event_idx on webhook_deliveries (endpoint_id, event_id) where redelivery_of is null;
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id desc);

create table webhook_attempts (
  id uuid primary key,
  delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
  attempt integer not null,
  started_at timestamptz not null,
  status_code integer,
  latency_ms integer not null,
  error text,
  retry_at timestamptz,
  unique (delivery_id, attempt)
);
