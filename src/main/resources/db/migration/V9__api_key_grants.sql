-- Optional allow-lists per key: the libraries it may use and the model profiles it may call (empty: all).
alter table api_key
    add column libraries varchar(100)[] not null default '{}',
    add column models    varchar(100)[] not null default '{}';
