-- openFDA's record refresh keeps its plans (issue 16, intake CPU; V82, V83).
-- openfda_record_refresh was a LANGUAGE sql function of two statements: PostgreSQL 15 cannot inline such a
-- function and plans its statements anew on every call, and the insert's plan covers V80's whole record (seven
-- correlated sub-selects over the version's rows and the vocabulary): planning it took about 3 ms of a submission's
-- ~6 ms of PostgreSQL time in psql (pgbench's direct-insert script, one client, synchronous_commit off: 5.7 ms with
-- the flush, 2.8 ms without), far more than executing it. As plpgsql the same two statements are planned once per
-- connection (a cached plan; generic once it is no dearer). Same statements, same results, same callers (the
-- flush at commit, the recoding triggers); openfda_record_note_flush likewise. The plan is generic by force: with an
-- array parameter PostgreSQL would keep planning a custom plan per call (it prices the generic plan for ten ids, a
-- custom one for the one id of a submission), which is the cost removed here; the generic plan is the one for any
-- number of ids (index lookups per version, as the custom plans were). Measured in one psql session on the test
-- database (400 reports inserted as the API writes them, one transaction each, backend CPU from /proc): 2.2 ms per
-- report with V82's SQL function, 2.0 ms as plpgsql with custom plans, 1.25 ms with the generic plan, 0.35 ms with
-- no record flush at all.
create or replace function openfda_record_refresh(ids bigint[]) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $$
begin
    delete from openfda_record where version_id = any (ids);
    insert into openfda_record
    select c.version_id, c.case_id, v.version, c.report_number, c.date_created, c.date_started, c.outcomes,
           c.reactions, c.consumer_age, c.consumer_age_unit, c.consumer_gender, c.products_role,
           c.products_name_brand, c.products_industry_code, c.products_industry_name
    from openfda_food_event_computed c join case_version v on v.id = c.version_id
    where c.version_id = any (ids);
end $$;

create or replace function openfda_record_note_flush() returns void language plpgsql as $$
begin
    insert into openfda_record_flush_due values (txid_current()) on conflict do nothing;
end $$;
