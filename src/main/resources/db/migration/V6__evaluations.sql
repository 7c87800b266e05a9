-- Evaluation runs: k answers per problem under each library version (or none), stored as they arrive.
create table evaluation (
    id          uuid primary key,
    status      varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    config      jsonb        not null,
    dataset_id  uuid         not null references dataset (id),
    library     varchar(64)  not null,
    lease_epoch bigint       not null default 0,
    cancel_requested boolean not null default false,
    error_code  varchar(40),
    error       varchar(2000),
    created_at  timestamptz  not null default now(),
    started_at  timestamptz,
    finished_at timestamptz
);

create table evaluation_item (
    evaluation_id uuid             not null references evaluation (id) on delete cascade,
    version_label varchar(16)      not null,
    item          integer          not null,
    sample        integer          not null,
    response      text,
    extracted     text,
    reward        double precision not null,
    failed        boolean          not null default false,
    tokens        integer          not null default 0,
    cost_usd      numeric(14, 8)   not null default 0,
    primary key (evaluation_id, version_label, item, sample)
);
