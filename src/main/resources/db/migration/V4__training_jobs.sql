-- db-scheduler's table (its PostgreSQL schema, version 16): the job engine's claims and heartbeats.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    state                text,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- A training job. next_step is the first step not yet committed; lease_epoch is the fencing token: every
-- execution that takes the job increments it, and a step commits only under the epoch it started with.
create table training_job (
    id               uuid primary key,
    status           varchar(16)   not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    config           jsonb         not null,
    dataset_id       uuid          not null references dataset (id),
    library          varchar(64)   not null,
    start_version    integer       not null,
    epochs           integer       not null,
    steps_per_epoch  integer       not null,
    next_step        integer       not null default 0,
    lease_epoch      bigint        not null default 0,
    lease_owner      varchar(200),
    cancel_requested boolean       not null default false,
    idempotency_key  varchar(200) unique,
    error_code       varchar(40),
    error            varchar(2000),
    created_at       timestamptz   not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
create index training_job_created_at_idx on training_job (created_at desc);

-- One committed step: written in the same transaction as its library version and the job's next_step.
create table training_step (
    job_id              uuid          not null references training_job (id) on delete cascade,
    step                integer       not null,
    epoch               integer       not null,
    batch               integer       not null,
    base_version        integer       not null,
    library_version     integer,
    problems            integer       not null,
    mean_reward         double precision not null,
    groups_learned      integer       not null,
    groups_skipped      integer       not null,
    groups_failed       integer       not null,
    operations_applied  integer       not null,
    operations_rejected integer       not null,
    tokens              bigint        not null,
    cost_usd            numeric(14, 8) not null,
    duration_ms         bigint        not null,
    committed_at        timestamptz   not null default now(),
    primary key (job_id, step)
);

-- Every model result of a step, stored as it arrives, so that a resumed step makes only the missing calls.
create table rollout (
    job_id      uuid          not null references training_job (id) on delete cascade,
    step        integer       not null,
    item        integer       not null,
    sample      integer       not null,
    response    text,
    extracted   text,
    reward      double precision,
    failed      boolean       not null default false,
    error       varchar(1000),
    summary     text,
    created_at  timestamptz   not null default now(),
    primary key (job_id, step, item, sample)
);

create table group_result (
    job_id      uuid          not null references training_job (id) on delete cascade,
    step        integer       not null,
    item        integer       not null,
    advantage   jsonb,
    operations  jsonb,
    failure     varchar(1000),
    primary key (job_id, step, item)
);

create table batch_update (
    job_id      uuid          not null references training_job (id) on delete cascade,
    step        integer       not null,
    operations  jsonb         not null,
    primary key (job_id, step)
);
