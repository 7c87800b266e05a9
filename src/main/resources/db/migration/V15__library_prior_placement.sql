-- Where a library's prior goes in a conversation: merged into the system message (the default, as before) or
-- after the problem in the last user message, as the paper's math runs did.
alter table library add column prior_placement text not null default 'system'
    check (prior_placement in ('system', 'user-suffix'));
