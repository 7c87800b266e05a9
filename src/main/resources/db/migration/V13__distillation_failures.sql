-- A batch update whose call failed for good is stored with its failure and no operations, so that a resumed step
-- does not call again; the step is committed without a version and says why.
alter table batch_update alter column operations drop not null;
alter table batch_update add column failure varchar(1000);
alter table training_step add column distillation_failed varchar(1000);
-- What became of each operation of a step's batch update: {"applied": [...], "rejected": [...]}, with reasons.
alter table training_step add column operations jsonb;

-- A text of a step's net operations that was over the word limit, as shortened (by the model, else cut), by its
-- position in the batch update: stored as it arrives, so that a resumed step does not pay for it twice.
create table fitted_text (
    job_id   uuid    not null references training_job (id) on delete cascade,
    step     integer not null,
    position integer not null,
    text     text    not null,
    note     text    not null,
    primary key (job_id, step, position)
);
