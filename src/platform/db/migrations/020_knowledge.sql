-- Knowledge base: categories, bilingual articles with version history, votes, announcements.
create table kb_categories (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  parent_id text references kb_categories (id),
  position integer not null default 0,
  name_zh text not null,
  name_en text not null,
  description_zh text not null default '',
  description_en text not null default ''
);

create table kb_articles (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  category_id text not null references kb_categories (id),
  type text not null default 'faq' check (type in ('faq', 'guide')),
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  related text[] not null default '{}',
  views integer not null default 0,
  helpful integer not null default 0,
  not_helpful integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index kb_articles_category_idx on kb_articles (category_id, status);

-- The current text of each language version.
create table kb_article_texts (
  article_id text not null references kb_articles (id) on delete cascade,
  lang text not null check (lang in ('zh-CN', 'en')),
  title text not null,
  body text not null,
  questions text[] not null default '{}',
  tags text[] not null default '{}',
  version integer not null,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (article_id, lang)
);

-- Every saved version, with author and time.
create table kb_revisions (
  id uuid primary key,
  article_id text not null references kb_articles (id) on delete cascade,
  lang text not null,
  version integer not null,
  title text not null,
  body text not null,
  questions text[] not null default '{}',
  tags text[] not null default '{}',
  author_id uuid,
  note text not null default '',
  created_at timestamptz not null default now(),
  unique (article_id, lang, version)
);

create table kb_votes (
  id uuid primary key,
  article_id text not null references kb_articles (id) on delete cascade,
  lang text not null,
  helpful boolean not null,
  comment text,
  created_at timestamptz not null default now()
);
create index kb_votes_article_idx on kb_votes (article_id, created_at desc);

create table kb_announcements (
  id uuid primary key,
  kind text not null check (kind in ('feature', 'policy', 'incident')),
  severity text not null default 'info' check (severity in ('info', 'warning', 'critical')),
  audience text not null default 'all' check (audience in ('all', 'app', 'web', 'verified')),
  title_zh text not null,
  title_en text not null,
  body_zh text not null default '',
  body_en text not null default '',
  topics text[] not null default '{}',
  starts_at timestamptz not null,
  ends_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index kb_announcements_time_idx on kb_announcements (starts_at, ends_at);
