-- The source's own outcome list of a case version, as the source has it (issue 12): CAERS's "VISITED AN ER",
-- "VISITED A HEALTH CARE PROVIDER", "NON-SERIOUS INJURIES/ ILLNESS", "NONE" and the serious ones, beside our
-- seriousness criteria (which keep only what is a criterion). Counted by the statistics dimension sourceOutcome.
create table case_source_outcome (
    case_version_id  bigint       not null references case_version (id),
    outcome          text         not null,
    primary key (case_version_id, outcome)
);

-- Outcomes are stored after their case (by the importer): the case is queued again so that its statistics
-- fact includes them (the statistics triggers of V3 queue every change that alters what a case counts as).
create function stats_source_outcomes_changed() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(4242001);
    insert into stats_queue (case_id)
    select distinct v.case_id from case_version v where v.id in (select case_version_id from changed);
    return null;
end $$;
create trigger case_source_outcome_stats after insert on case_source_outcome referencing new table as changed
    for each statement execute function stats_source_outcomes_changed();
