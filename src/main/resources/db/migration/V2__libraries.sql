-- Experience libraries. A version is a full, immutable snapshot of the library's experiences:
-- rows of library_version and experience are inserted once and never updated or deleted.
create table library (
    id              bigint generated always as identity primary key,
    name            varchar(64)  not null unique,
    description     varchar(2000),
    current_version integer      not null default 0,
    latest_version  integer      not null default 0,
    next_code       integer      not null default 1,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    constraint library_current_le_latest check (current_version <= latest_version)
);

create sequence library_version_seq increment by 50;

create table library_version (
    id               bigint primary key default nextval('library_version_seq'),
    library_id       bigint       not null references library (id) on delete cascade,
    version          integer      not null,
    parent_version   integer,
    source           varchar(16)  not null check (source in ('CREATED', 'MANUAL', 'JOB', 'IMPORT')),
    job_id           uuid,
    step             integer,
    note             varchar(2000),
    experience_count integer      not null,
    created_at       timestamptz  not null default now(),
    constraint library_version_uq unique (library_id, version)
);

create sequence experience_seq increment by 50;

create table experience (
    id         bigint primary key default nextval('experience_seq'),
    library_id bigint        not null references library (id) on delete cascade,
    version    integer       not null,
    position   integer       not null,
    code       varchar(16)   not null,
    text       varchar(4000) not null,
    provenance jsonb         not null default '{}'::jsonb,
    constraint experience_code_uq unique (library_id, version, code),
    constraint experience_version_fk foreign key (library_id, version) references library_version (library_id, version)
);
