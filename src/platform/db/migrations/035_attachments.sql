-- Files sent in chat: images and PDFs. The bytes live under DATA_DIR/attachments/<storage_key>;
-- this row is what is known about them. content_type is the type sniffed from the bytes, never
-- the one the sender declared or the file name suggests.
create table attachments (
  id uuid primary key,
  conversation_id uuid not null references conversations (id),
  -- Set once the message carrying the file is committed.
  message_id uuid references messages (id),
  uploader_type text not null check (uploader_type in ('customer', 'agent')),
  uploader_id text,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null,
  storage_key text not null unique,
  -- As the sender named it, masked by the guard: file names carry phone and ID numbers.
  original_name text not null,
  created_at timestamptz not null default now()
);
create index attachments_conversation_idx on attachments (conversation_id);
