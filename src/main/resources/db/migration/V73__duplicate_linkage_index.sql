-- Set-based duplicate screening (issue 17): the values record linkage compares, kept per active case as of its
-- last screening (duplicate_key), and how many cases have each value (duplicate_value_count), so that screening a
-- case finds its candidates by a join on indexed blocking keys and reads its Fellegi-Sunter shares from a table,
-- instead of scanning every active case for each screened one. Both are written only by screening
-- (duplicates/LinkageIndex, one transaction with the suspects it finds); the keys are made in Java
-- (duplicates/LinkageKeys), the one place they are defined.
create table duplicate_key (
    field   varchar(24) not null,
    value   text        not null,
    case_id bigint      not null references case_report (id),
    primary key (field, value, case_id)
);

create index duplicate_key_case_idx on duplicate_key (case_id);

create table duplicate_value_count (
    field varchar(24) not null,
    value text        not null,
    cases integer     not null,
    primary key (field, value)
);

-- A nullified case leaves the index: it is queued, and screening it removes its keys and their counts.
create trigger case_report_duplicate_screening_nullified after update of status on case_report
    for each row when (old.status is distinct from new.status)
    execute function duplicate_screening_enqueue();

-- Every active case not yet indexed is queued once, so the index covers the cases stored before this migration
-- (imported cases stored before V71 were never screened): the worker screens them in the background.
insert into duplicate_screening (case_id)
select id from case_report where status = 'ACTIVE'
on conflict (case_id) do nothing;
