-- Causality is a statistics dimension (issue 17): an assessment (or a reassessment, which adds a row) changes
-- what its case counts as, so the case is queued again in the transaction of the assessment, as the V3 and V21
-- triggers do for the other changes. Poison-centre fields need nothing: they come with a version, which queues.
create function stats_causality_changed() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(4242001);
    insert into stats_queue (case_id) select distinct case_id from changed;
    return null;
end $$;
create trigger causality_assessment_stats after insert on causality_assessment referencing new table as changed
    for each statement execute function stats_causality_changed();
