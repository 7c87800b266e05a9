-- A rollout cut off at the token limit (finish reason "length") is no answer: it is kept, marked, and left out of
-- its group like a failed one. Each step counts both kinds, so that its figures survive the rollouts' retention.
alter table rollout add column truncated boolean not null default false;
alter table training_step add column rollouts_failed integer not null default 0;
alter table training_step add column rollouts_truncated integer not null default 0;
