-- An evaluation answer the verifier could not score (a judge's call or reply failed) keeps why; it has no reward.
alter table evaluation_item add column judge_error varchar(1000);

-- What a finished job decided about its last version, as a structured record (promoted, version, reason, figures);
-- the sentences stored before become the reason of a record.
alter table training_job alter column promotion type jsonb using
    case when promotion is null then null
         else jsonb_build_object('promoted', promotion like 'promoted%', 'reason', promotion) end;
