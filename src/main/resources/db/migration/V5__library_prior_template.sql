-- A library may replace the template that puts its experiences in front of a prompt (null: the service's own).
alter table library add column prior_template text;
