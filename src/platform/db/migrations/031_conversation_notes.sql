-- Internal notes: for staff only, never shown to the customer.
create table conversation_notes (
  id uuid primary key,
  conversation_id uuid not null references conversations (id),
  author_id uuid,
  text text not null,
  created_at timestamptz not null default now()
);
create index conversation_notes_conversation_idx on conversation_notes (conversation_id, created_at);
