-- openFDA's food/event record materialised per case version (issue 18; README "openFDA at CAERS size").
-- V80's view built every record (seven correlated sub-selects) of every case for each query, so a count or a
-- search over 64,000 CAERS cases evaluated 450,000 sub-selects. The record of a version is now a row of
-- openfda_record, written when the version is stored and rewritten when what it shows changes; V80's definition
-- stays the one definition of a record (renamed openfda_food_event_computed, read only to fill the table).
--
-- What a record depends on, and how the row follows it:
-- * the version and its products, reactions, criteria (immutable once stored), and the source's outcome list
--   (recorded after the version, SourceOutcomes): written at commit, when every child row of the version exists
--   (below: the API's submissions and follow-ups, and the importer's batches alike);
-- * the coding of a verbatim (a direct case's reactions are coded preferred names): statement triggers on
--   verbatim_coding rewrite the rows of the versions with that verbatim;
-- * a term's preferred name: a trigger on symptom_term rewrites the rows of versions coded to it;
-- * the case's status, current version and disclosure key are read from case_report by the view (not copied).
alter view openfda_food_event_version rename to openfda_food_event_computed;

create table openfda_record (
    version_id             bigint  primary key references case_version (id) on delete cascade,
    case_id                bigint  not null,
    version                integer not null,
    report_number          varchar not null,
    date_created           date    not null,
    date_started           date,
    outcomes               text[]  not null,
    reactions              text[]  not null,
    consumer_age           text,
    consumer_age_unit      text,
    consumer_gender        text,
    products_role          varchar[] not null,
    products_name_brand    varchar[] not null,
    products_industry_code text[]  not null,
    products_industry_name text[]  not null
);
create index openfda_record_case_idx on openfda_record (case_id);
create index openfda_record_date_created_idx on openfda_record (date_created);

create function openfda_record_refresh(ids bigint[]) returns void language sql as $$
    delete from openfda_record where version_id = any (ids);
    insert into openfda_record
    select c.version_id, c.case_id, v.version, c.report_number, c.date_created, c.date_started, c.outcomes,
           c.reactions, c.consumer_age, c.consumer_age_unit, c.consumer_gender, c.products_role,
           c.products_name_brand, c.products_industry_code, c.products_industry_name
    from openfda_food_event_computed c join case_version v on v.id = c.version_id
    where c.version_id = any (ids);
$$;

insert into openfda_record
select c.version_id, c.case_id, v.version, c.report_number, c.date_created, c.date_started, c.outcomes, c.reactions,
       c.consumer_age, c.consumer_age_unit, c.consumer_gender, c.products_role, c.products_name_brand,
       c.products_industry_code, c.products_industry_name
from openfda_food_event_computed c join case_version v on v.id = c.version_id;

-- New versions are noted in openfda_record_pending as they are inserted (one statement trigger per insert), and
-- written at commit by a deferred constraint trigger: its first firing writes every pending version of the
-- transaction in one statement, the later ones find nothing left (an importer's batch of 5,000 versions is one
-- refresh, not 5,000). Pending rows never outlive their transaction.
create table openfda_record_pending (
    version_id bigint primary key
);

create function openfda_record_versions_inserted() returns trigger language plpgsql as $$
begin
    insert into openfda_record_pending select id from inserted on conflict do nothing;
    return null;
end $$;

create trigger openfda_record_versions_inserted after insert on case_version
    referencing new table as inserted for each statement execute function openfda_record_versions_inserted();

-- The source's outcome list is recorded after its batch's versions, and again on a re-import (SourceOutcomes):
-- those versions are noted the same way.
create function openfda_record_outcomes_inserted() returns trigger language plpgsql as $$
begin
    insert into openfda_record_pending select distinct case_version_id from inserted on conflict do nothing;
    return null;
end $$;

create trigger openfda_record_outcomes_inserted after insert on case_source_outcome
    referencing new table as inserted for each statement execute function openfda_record_outcomes_inserted();

create function openfda_record_flush() returns trigger language plpgsql as $$
declare
    ids bigint[];
begin
    with done as (delete from openfda_record_pending returning version_id) select array_agg(version_id) into ids from done;
    if ids is not null then
        perform openfda_record_refresh(ids);
    end if;
    return null;
end $$;

create constraint trigger openfda_record_flush after insert on openfda_record_pending
    deferrable initially deferred for each row execute function openfda_record_flush();

create function openfda_record_recoded() returns trigger language plpgsql as $$
begin
    perform openfda_record_refresh(array(
        select distinct r.case_version_id from case_reaction r
        where r.verbatim in (select verbatim from changed)));
    return null;
end $$;

create trigger openfda_record_coding_inserted after insert on verbatim_coding
    referencing new table as changed for each statement execute function openfda_record_recoded();
create trigger openfda_record_coding_updated after update on verbatim_coding
    referencing new table as changed for each statement execute function openfda_record_recoded();
create trigger openfda_record_coding_deleted after delete on verbatim_coding
    referencing old table as changed for each statement execute function openfda_record_recoded();

create function openfda_record_term_renamed() returns trigger language plpgsql as $$
begin
    perform openfda_record_refresh(array(
        select distinct r.case_version_id from case_reaction r join verbatim_coding c on c.verbatim = r.verbatim
        where c.term_id = new.id));
    return null;
end $$;

create trigger openfda_record_term_renamed after update of preferred_name on symptom_term
    for each row when (old.preferred_name is distinct from new.preferred_name)
    execute function openfda_record_term_renamed();

-- The record as V80 defined its columns, read from the table; the scopes (V80 live, V81 released) rebound to it.
create view openfda_food_event_version as
select r.case_id,
       r.version_id,
       (cr.current_version = r.version and cr.status = 'ACTIVE') as latest_active,
       cr.disclosure_key as ckey,
       r.report_number, r.date_created, r.date_started, r.outcomes, r.reactions, r.consumer_age, r.consumer_age_unit,
       r.consumer_gender, r.products_role, r.products_name_brand, r.products_industry_code, r.products_industry_name
from openfda_record r
join case_report cr on cr.id = r.case_id;

create or replace view openfda_food_event as
select e.* from openfda_food_event_version e where e.latest_active;

create or replace view openfda_food_event_released as
select e.* from openfda_food_event_version e join stats_release_case rc on rc.version_id = e.version_id;
