-- What a finished job decided about serving its last version, and the evaluation behind the decision.
alter table training_job add column validation_evaluation_id uuid;
alter table training_job add column promotion varchar(1000);
