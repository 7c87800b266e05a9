-- The ledger: one row per logical model call (its retries are counted in attempts), whatever its outcome.
create table llm_call (
    id                bigint generated always as identity primary key,
    created_at        timestamptz   not null default now(),
    profile           varchar(64)   not null,
    model             varchar(200)  not null,
    purpose           varchar(16)   not null,
    owner             varchar(100),
    prompt_tokens     integer       not null default 0,
    completion_tokens integer       not null default 0,
    tokens_estimated  boolean       not null default false,
    cost_usd          numeric(14, 8) not null default 0,
    latency_ms        bigint        not null,
    attempts          integer       not null,
    outcome           varchar(16)   not null check (outcome in ('OK', 'FAILED', 'PARSE_FAILED', 'CACHED')),
    error             varchar(1000)
);

create index llm_call_owner_idx on llm_call (owner, created_at);
create index llm_call_created_at_idx on llm_call (created_at);
