-- The SHA-256 of the canonical request that first used a job's idempotency key: a retry with the same key must send
-- the same request, or it is refused (422) rather than answered with a job it did not ask for. Null on jobs
-- started before this column existed, whose retries are compared with nothing.
alter table training_job add column request_hash varchar(64);
