-- openFDA's record flush fires once per transaction (issue 12, import speed; V82).
-- V82's deferred flush was a constraint trigger for each row of openfda_record_pending: an importer's batch of 500
-- versions queued 500 firings at commit, the first refreshing the 500 records and the other 499 each scanning the
-- emptied pending table (its 500 rows deleted but still there until vacuum) to find nothing. The firing is now
-- queued by a marker, one row per transaction in openfda_record_flush_due, inserted by the triggers that note
-- pending versions; the flush deletes it, then writes every pending version in one refresh, as before.
--
-- The records are V82's: same pending versions, same refresh, at the same point (the transaction's deferred
-- triggers, after every child row of the versions exists). A version noted after the flush ran (a later deferred
-- trigger, or SET CONSTRAINTS ... IMMEDIATE) inserts the marker anew and queues a new firing, which PostgreSQL runs
-- before the commit completes. A rolled-back savepoint takes its pending rows, its marker and its firing together.
-- Transactions do not wait for one another: each has its own marker (the transaction id), and neither table ever
-- holds a committed row.
drop trigger openfda_record_flush on openfda_record_pending;

create table openfda_record_flush_due (
    xact bigint primary key
);

-- Notes the transaction's flush as due, once: the first note inserts the marker, the others find it.
create function openfda_record_note_flush() returns void language sql as $$
    insert into openfda_record_flush_due values (txid_current()) on conflict do nothing;
$$;

create or replace function openfda_record_versions_inserted() returns trigger language plpgsql as $$
begin
    insert into openfda_record_pending select id from inserted on conflict do nothing;
    if found then
        perform openfda_record_note_flush();
    end if;
    return null;
end $$;

create or replace function openfda_record_outcomes_inserted() returns trigger language plpgsql as $$
begin
    insert into openfda_record_pending select distinct case_version_id from inserted on conflict do nothing;
    if found then
        perform openfda_record_note_flush();
    end if;
    return null;
end $$;

create or replace function openfda_record_flush() returns trigger language plpgsql as $$
declare
    ids bigint[];
begin
    delete from openfda_record_flush_due where xact = txid_current();
    with done as (delete from openfda_record_pending returning version_id) select array_agg(version_id) into ids from done;
    if ids is not null then
        perform openfda_record_refresh(ids);
    end if;
    return null;
end $$;

create constraint trigger openfda_record_flush after insert on openfda_record_flush_due
    deferrable initially deferred for each row execute function openfda_record_flush();
