-- Duplicate screening of every new version, whatever its path (issue 17): a case enters this queue in the
-- transaction that stores it (a submission, a follow-up or amendment, an imported case or its update), so no
-- code path can forget it and a crash loses nothing. The API answers new submissions at once after the
-- commit; a worker screens the rest (follow-ups, imports) in the background and deletes the entry in the
-- transaction that stores the suspects. A failing case is retried a few times, then left with its error
-- count for an operator (GET /api/v1/duplicates/screening).
create table duplicate_screening (
    case_id   bigint      primary key references case_report (id),
    queued_at timestamptz not null default now(),
    attempts  integer     not null default 0
);

create index duplicate_screening_order_idx on duplicate_screening (queued_at, case_id);

create function duplicate_screening_enqueue() returns trigger language plpgsql as $$
begin
    insert into duplicate_screening (case_id) values (new.id)
    on conflict (case_id) do update set queued_at = excluded.queued_at, attempts = 0;
    return null;
end;
$$;

create trigger case_report_duplicate_screening_insert after insert on case_report
    for each row execute function duplicate_screening_enqueue();

create trigger case_report_duplicate_screening_version after update of current_version on case_report
    for each row when (old.current_version is distinct from new.current_version)
    execute function duplicate_screening_enqueue();

-- Imported cases stored before this migration are not queued here (screening is slow at CAERS scale; README
-- "Duplicates"): POST them again or queue them by hand (insert into duplicate_screening select id ...).

-- A pair found again (a follow-up changed one case) is re-weighed while it is open; decided pairs stay as decided.
alter table duplicate_suspect add column rescored_at timestamptz;
