-- The bot: the intents admins edit, trained model versions, per-conversation dialogue state, and
-- the questions it could not answer.
create table bot_intents (
  id text primary key check (id ~ '^[a-z][a-z0-9_]{0,59}$'),
  -- The routing category a handover from this intent joins; null: the shared queue.
  category text,
  description_zh text not null,
  description_en text not null,
  examples_zh text[] not null default '{}',
  examples_en text[] not null default '{}',
  -- Shipped with the product (content/bot) or written by an admin.
  source text not null default 'admin' check (source in ('product', 'admin')),
  updated_at timestamptz not null default now()
);

create table bot_models (
  version integer primary key,
  -- Hash of the training data: an unchanged catalog is not trained twice.
  data_hash text not null,
  model bytea not null,
  metrics jsonb not null default '{}',
  trained_at timestamptz not null default now(),
  training_ms integer not null
);

create table bot_sessions (
  conversation_id uuid primary key references conversations (id),
  state jsonb not null default '{}',
  -- The last customer message the bot has taken: each is answered once, by one node.
  last_seq bigint not null default 0,
  outcome text check (outcome in ('contained', 'handed_over')),
  handover_reason text,
  updated_at timestamptz not null default now()
);

create table knowledge_gaps (
  id uuid primary key,
  conversation_id uuid references conversations (id),
  language text not null,
  -- The customer's words as stored: already masked by the guard.
  text text not null,
  intent text,
  confidence real not null,
  status text not null default 'open' check (status in ('open', 'answered', 'dismissed')),
  article_id text,
  created_at timestamptz not null default now()
);
create index knowledge_gaps_open_idx on knowledge_gaps (status, created_at desc);
