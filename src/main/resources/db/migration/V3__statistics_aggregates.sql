-- Statistics aggregates, maintained off the request path by a single worker (statistics.AggregateStore).
--
-- Every change that can alter what a case counts as (a new case, a follow-up, a nullification, a re-coded
-- verbatim, a merged or re-curated product, a term moved to another organ class) puts the case's id in
-- stats_queue, in the same transaction as the change, by the triggers below: no code path can forget it.
-- Submissions only append to the queue (no shared counter row, so nothing serialises them); the worker
-- folds queued cases into stats_fact (one row per counted case: its values of every dimension) and
-- stats_cell (case counts per pair of values), and a recount from the raw rows gives the same numbers.

create table stats_queue (
    id         bigint      generated always as identity primary key,
    case_id    bigint      not null,
    queued_at  timestamptz not null default now()
);

-- One row per counted case (latest version, not nullified). vals holds 'dimension=key' for every value of
-- every dimension (an empty key where the case has none), plus '*' (the case itself); sorted.
create table stats_fact (
    case_id  bigint  primary key,
    period   integer not null, -- month of receipt as yyyymm
    vals     text[]  collate "C" not null
);

-- Case counts. A cell is a pair a < b of values, or ('*', '*') for all cases; period 0 is all time, and
-- per-month cells (period yyyymm) are kept for single values (a = '*') only.
create table stats_cell (
    a       text    collate "C" not null,
    b       text    collate "C" not null,
    period  integer not null,
    n       bigint  not null,
    primary key (a, b, period)
);
create index stats_cell_b_idx on stats_cell (b, a, period);

-- The worker's bookkeeping: a single row.
create table stats_state (
    id               integer     primary key check (id = 1),
    applied_through  timestamptz,
    applied_at       timestamptz,
    rebuilt_at       timestamptz
);
insert into stats_state (id) values (1);

-- Lock protocol (transaction-scoped advisory lock 4242001): a change to one case takes it shared, so
-- submissions never wait for each other; a change of coding takes it exclusive before touching a row, so
-- it sees every case committed before it and no case commits half-way through it.
create function stats_case_changed() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(4242001);
    insert into stats_queue (case_id) values (new.id);
    return null;
end $$;

create trigger case_report_stats after insert or update of status, current_version on case_report
    for each row execute function stats_case_changed();

create function stats_coding_lock() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(4242001);
    return null;
end $$;

create trigger verbatim_coding_stats_lock before update on verbatim_coding
    for each statement execute function stats_coding_lock();
create trigger product_name_coding_stats_lock before update on product_name_coding
    for each statement execute function stats_coding_lock();
create trigger product_stats_lock before update on product
    for each statement execute function stats_coding_lock();
create trigger symptom_term_stats_lock before update on symptom_term
    for each statement execute function stats_coding_lock();

-- The cases whose latest version carries one of the verbatims or product names.
create function stats_enqueue_verbatims(verbatims text[]) returns void language sql as $$
    insert into stats_queue (case_id)
    select distinct v.case_id from case_reaction r
    join case_version v on v.id = r.case_version_id
    join case_report cr on cr.id = v.case_id and cr.current_version = v.version
    where r.verbatim = any (verbatims)
$$;

create function stats_enqueue_product_names(names text[]) returns void language sql as $$
    insert into stats_queue (case_id)
    select distinct v.case_id from case_product p
    join case_version v on v.id = p.case_version_id
    join case_report cr on cr.id = v.case_id and cr.current_version = v.version
    where p.name_reported = any (names)
$$;

-- Inserted or deleted codings: the trigger names its transition table "changed" either way.
create function stats_verbatim_codings_changed() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_verbatims(array(select verbatim from changed));
    return null;
end $$;
create function stats_verbatim_coding_updated() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_verbatims(array(
        select n.verbatim from new_rows n join old_rows o on o.verbatim = n.verbatim
        where o.term_id is distinct from n.term_id));
    return null;
end $$;
create trigger verbatim_coding_stats_ins after insert on verbatim_coding referencing new table as changed
    for each statement execute function stats_verbatim_codings_changed();
create trigger verbatim_coding_stats_del after delete on verbatim_coding referencing old table as changed
    for each statement execute function stats_verbatim_codings_changed();
create trigger verbatim_coding_stats_upd after update on verbatim_coding
    referencing old table as old_rows new table as new_rows
    for each statement execute function stats_verbatim_coding_updated();

create function stats_product_name_codings_changed() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_product_names(array(select name from changed));
    return null;
end $$;
create function stats_product_name_coding_updated() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_product_names(array(
        select n.name from new_rows n join old_rows o on o.name = n.name
        where o.product_id is distinct from n.product_id));
    return null;
end $$;
create trigger product_name_coding_stats_ins after insert on product_name_coding referencing new table as changed
    for each statement execute function stats_product_name_codings_changed();
create trigger product_name_coding_stats_del after delete on product_name_coding referencing old table as changed
    for each statement execute function stats_product_name_codings_changed();
create trigger product_name_coding_stats_upd after update on product_name_coding
    referencing old table as old_rows new table as new_rows
    for each statement execute function stats_product_name_coding_updated();

-- A product's substance, or a term's organ class, is a dimension of every case that names it.
create function stats_product_updated() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_product_names(array(
        select c.name from new_rows n join old_rows o on o.id = n.id
        join product_name_coding c on c.product_id = n.id
        where o.substance is distinct from n.substance));
    return null;
end $$;
create trigger product_stats_upd after update on product referencing old table as old_rows new table as new_rows
    for each statement execute function stats_product_updated();

create function stats_symptom_term_updated() returns trigger language plpgsql as $$
begin
    perform stats_enqueue_verbatims(array(
        select c.verbatim from new_rows n join old_rows o on o.id = n.id
        join verbatim_coding c on c.term_id = n.id
        where o.organ_class is distinct from n.organ_class or o.code is distinct from n.code));
    return null;
end $$;
create trigger symptom_term_stats_upd after update on symptom_term
    referencing old table as old_rows new table as new_rows
    for each statement execute function stats_symptom_term_updated();

-- Crosses of two dimensions read every cell of a pair of dimensions.
create index stats_cell_dims_idx on stats_cell (split_part(a, '=', 1), split_part(b, '=', 1), period);
