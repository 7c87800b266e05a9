-- API keys: only a SHA-256 of each key is kept (keys are 256 random bits, so a fast hash is enough), with a
-- short prefix to recognise a key in listings. Revoked keys stay for the record.
create table api_key (
    id                  uuid         primary key,
    name                varchar(100) not null,
    prefix              varchar(16)  not null,
    key_hash            char(64)     not null unique,
    scopes              varchar(16)[] not null,
    requests_per_minute integer      check (requests_per_minute >= 0),
    created_at          timestamptz  not null default now(),
    revoked_at          timestamptz
);
