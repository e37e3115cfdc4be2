-- Secrets the servers share and generate themselves (e.g. for signing visitor tokens).
create table platform_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
