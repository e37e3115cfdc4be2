create table agents (
  id uuid primary key,
  email text not null unique check (email = lower(email)),
  name text not null,
  display_name text not null,
  role text not null check (role in ('admin', 'supervisor', 'agent')),
  password_hash text not null,
  active boolean not null default true,
  presence text not null default 'offline' check (presence in ('online', 'away', 'offline')),
  presence_changed_at timestamptz not null default now(),
  capacity integer not null default 5 check (capacity between 0 and 100),
  skill_categories text[] not null default '{}',
  skill_languages text[] not null default '{}',
  failed_logins integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table teams (
  id uuid primary key,
  name text not null unique,
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table team_members (
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  primary key (team_id, agent_id)
);
create index team_members_agent_idx on team_members (agent_id);

-- Console sessions. Only a hash of the cookie value is stored.
create table sessions (
  id uuid primary key,
  token_hash text not null unique,
  agent_id uuid not null references agents (id) on delete cascade,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_agent_idx on sessions (agent_id);

-- Integration tokens: shown once, stored as a hash, scoped, revocable.
create table api_tokens (
  id uuid primary key,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  scopes text[] not null,
  created_by uuid not null references agents (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
