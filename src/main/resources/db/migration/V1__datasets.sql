-- Datasets of problems. Items are immutable once uploaded; a dataset is replaced by uploading a new one.
create table dataset (
    id             uuid primary key,
    name           varchar(200) not null,
    item_count     integer      not null default 0,
    answered_count integer      not null default 0,
    size_bytes     bigint       not null default 0,
    sha256         varchar(64),
    created_at     timestamptz  not null default now()
);

create index dataset_created_at_idx on dataset (created_at desc);

create table dataset_item (
    dataset_id  uuid    not null references dataset (id) on delete cascade,
    ordinal     integer not null,
    external_id varchar(500),
    problem     text    not null,
    answer      text,
    metadata    jsonb   not null default '{}'::jsonb,
    primary key (dataset_id, ordinal)
);

create unique index dataset_item_external_id_uq on dataset_item (dataset_id, external_id) where external_id is not null;
