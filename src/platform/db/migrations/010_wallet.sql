-- Built-in ledger: the embedded default and the demo wallet. Double entry: every transaction's
-- postings sum to zero per currency; customer balances never go negative.
create table wallet_customers (
  id uuid primary key,
  external_id text not null unique,
  display_name text not null,
  phone text not null,
  locale text not null default 'zh-CN',
  kyc_level integer not null default 1 check (kyc_level between 0 and 3),
  status text not null default 'active' check (status in ('active', 'frozen', 'locked', 'closed')),
  status_reason text,
  status_changed_at timestamptz,
  created_at timestamptz not null default now()
);

create table wallet_accounts (
  id uuid primary key,
  customer_id uuid references wallet_customers (id),
  system_code text,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  balance bigint not null default 0,
  check ((customer_id is null) <> (system_code is null)),
  check (system_code is not null or balance >= 0),
  unique (customer_id, currency),
  unique (system_code, currency)
);

create table wallet_channels (
  code text primary key,
  kind text not null,
  name_zh text not null,
  name_en text not null,
  settlement_minutes integer not null check (settlement_minutes >= 0),
  status text not null default 'up' check (status in ('up', 'maintenance')),
  maintenance_until timestamptz
);

create table wallet_limits (
  kyc_level integer not null,
  currency text not null,
  single_limit bigint not null check (single_limit > 0),
  daily_limit bigint not null check (daily_limit > 0),
  primary key (kyc_level, currency)
);

create table wallet_transactions (
  id uuid primary key,
  reference text not null unique,
  customer_id uuid not null references wallet_customers (id),
  type text not null check (type in ('top_up', 'withdrawal', 'transfer', 'payment', 'refund')),
  status text not null check (status in ('pending', 'processing', 'succeeded', 'failed', 'reversed')),
  amount bigint not null check (amount > 0),
  currency text not null,
  channel text references wallet_channels (code),
  counterparty text,
  counterparty_customer_id uuid references wallet_customers (id),
  failure_code text,
  pending_reason text,
  related_transaction_id uuid references wallet_transactions (id),
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  expected_settlement_at timestamptz,
  unique (customer_id, idempotency_key)
);
create index wallet_transactions_customer_idx on wallet_transactions (customer_id, id desc);
-- Today's spending against the daily limit, and time-range filters.
create index wallet_transactions_customer_time_idx on wallet_transactions (customer_id, created_at);
create index wallet_transactions_related_idx on wallet_transactions (related_transaction_id) where related_transaction_id is not null;

create table wallet_postings (
  id uuid primary key,
  transaction_id uuid not null references wallet_transactions (id),
  account_id uuid not null references wallet_accounts (id),
  amount bigint not null,
  currency text not null,
  created_at timestamptz not null default now()
);
create index wallet_postings_transaction_idx on wallet_postings (transaction_id);
create index wallet_postings_account_idx on wallet_postings (account_id);

create table wallet_refund_requests (
  id uuid primary key,
  transaction_id uuid not null references wallet_transactions (id),
  customer_id uuid not null references wallet_customers (id),
  reason text not null,
  actor_type text not null,
  actor_id text,
  status text not null default 'requested' check (status in ('requested', 'approved', 'rejected')),
  created_at timestamptz not null default now()
);

insert into wallet_channels (code, kind, name_zh, name_en, settlement_minutes) values
  ('balance', 'balance', '钱包余额', 'wallet balance', 0),
  ('bank_card', 'bank_card', '银行卡快捷支付', 'bank card', 30),
  ('bank_transfer', 'bank_transfer', '银行转账', 'bank transfer', 1440),
  ('unionpay', 'bank_card', '银联', 'UnionPay', 120),
  ('overseas_card', 'bank_card', '境外银行卡', 'overseas card', 4320);

insert into wallet_limits (kyc_level, currency, single_limit, daily_limit) values
  (0, 'CNY', 50000, 100000), (1, 'CNY', 500000, 1000000), (2, 'CNY', 5000000, 10000000), (3, 'CNY', 20000000, 50000000),
  (0, 'USD', 10000, 20000), (1, 'USD', 100000, 200000), (2, 'USD', 700000, 1500000), (3, 'USD', 3000000, 7000000),
  (0, 'HKD', 50000, 100000), (1, 'HKD', 500000, 1000000), (2, 'HKD', 5000000, 10000000), (3, 'HKD', 20000000, 50000000);
