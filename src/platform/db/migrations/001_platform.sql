-- Which demo/seed sets have been applied, so a restart never seeds twice.
create table seed_runs (
  name text primary key,
  applied_at timestamptz not null default now()
);
