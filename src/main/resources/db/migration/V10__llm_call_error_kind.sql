-- A failed call's kind of error (rate-limited, server-error, rejected, timeout, io-error, unexpected, invalid-json),
-- beside its message, which is now at most 500 characters and stripped of anything that looks like a secret.
alter table llm_call add column error_kind varchar(32);
