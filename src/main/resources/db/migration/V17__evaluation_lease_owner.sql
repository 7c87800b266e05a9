-- Evaluations are claimed like training jobs (one durable-run kernel): the worker that holds the lease is recorded.
alter table evaluation add column lease_owner varchar(200);
