-- E-mail: every message received on the support address and every message sent, in one log that
-- is also the outbound outbox and the thread index (Message-IDs per ticket).
create table email_messages (
  id uuid primary key,
  direction text not null check (direction in ('inbound', 'outbound')),
  status text not null check (status in ('received', 'processed', 'quarantined', 'dropped', 'queued', 'sent', 'failed')),
  -- Why inbound mail was quarantined or dropped (spam, loop, auto_reply, bulk, bounce).
  reason text,
  -- RFC 5322 Message-ID with its angle brackets; ours are <id@support domain>.
  message_id text not null,
  in_reply_to text,
  thread_references text[] not null default '{}',
  ticket_id uuid,
  ticket_reference text,
  -- Addresses are kept as they are: they are how a reply reaches the customer. Every text below is
  -- masked by the guard before it is written.
  from_address text not null,
  from_name text not null default '',
  to_addresses text[] not null,
  subject text not null,
  body_text text not null,
  language text not null check (language in ('zh-CN', 'en')),
  template text,
  -- Outbound: the caller's idempotency key; a second send with it is ignored.
  dedupe_key text unique,
  -- Inbound: [{filename, contentType, sizeBytes}] of the attachments that came with it.
  attachments jsonb not null default '[]',
  size_bytes integer not null default 0,
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  -- A node works on the row until then (sending it, or handing it to tickets); if it dies, the
  -- row is free again when this passes.
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null,
  finished_at timestamptz
);
-- A message redelivered by the sending server is stored once.
create unique index email_messages_inbound_id_idx on email_messages (message_id) where direction = 'inbound';
create unique index email_messages_outbound_id_idx on email_messages (message_id) where direction = 'outbound';
create index email_messages_message_id_idx on email_messages (message_id);
create index email_messages_ticket_idx on email_messages (ticket_id, id) where ticket_id is not null;
create index email_messages_due_idx on email_messages (next_attempt_at) where status = 'queued';
create index email_messages_list_idx on email_messages (direction, status, id desc);

-- Attachments of quarantined mail, kept until it is released (they then go to the ticket) or deleted.
create table email_attachments (
  id uuid primary key,
  email_id uuid not null references email_messages (id) on delete cascade,
  filename text not null,
  content_type text not null,
  content bytea not null
);
create index email_attachments_email_idx on email_attachments (email_id, id);
