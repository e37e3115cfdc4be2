-- Canned responses agents insert with "/shortcut", and customers' ratings of resolved conversations.
create table canned_responses (
  id uuid primary key,
  shortcut text not null unique check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  title text not null,
  text_zh text not null,
  text_en text not null,
  created_by uuid,
  updated_at timestamptz not null default now()
);

create table conversation_ratings (
  conversation_id uuid primary key references conversations (id),
  score integer not null check (score between 1 and 5),
  comment text,
  created_at timestamptz not null default now()
);
