-- The vocabulary and the codings as a statistics release captured them at its cut (issue 14; statistics.ReleaseStore,
-- statistics.FrozenVocabulary). A product stored, a verbatim re-coded, a term created or a causality assessed after
-- the cut would otherwise show to researchers (a new product listed, recounts from the raw rows of the release's
-- case versions coded through the live codings) before the next release: they would see that a case arrived or was
-- recoded. Schema kaers_release holds a copy of every such table, with the same name, columns and indexes; a
-- connection serving a read by a caller who reads frozen releases has search_path kaers_release, public, so that
-- every query it runs (labels, product and term listings, the coders' previews, recounts, openFDA's record) reads
-- what the release captured. Every cut rebuilds the schema from the live tables in its own transaction (so a column
-- added to one of them later needs nothing here); this migration creates it with empty copies of the tables that
-- exist at this version, filled with what they hold now, so that a frozen caller never reads the live tables.

-- Where an alias comes from: REPORTED (created by the coder from a name a reporter wrote: a reporter's text, seen by
-- callers with protected counts only when enough cases use it), CURATED (the reference vocabulary or a reviewer).
alter table product_alias add column origin varchar(16) not null default 'CURATED'
    check (origin in ('REPORTED', 'CURATED'));
-- Existing aliases: reported when a reporter wrote a name with this normalisation (then treated as a reporter's text).
update product_alias a set origin = 'REPORTED'
where exists (select 1 from product_name_coding c where c.normalized = a.normalized);

-- Rebuilt from nothing when the migrations run again on a cleaned database (tests).
drop schema if exists kaers_release cascade;
create schema kaers_release;
create table kaers_release.organ_class (like public.organ_class including indexes);
create table kaers_release.symptom_term (like public.symptom_term including indexes);
create table kaers_release.symptom_synonym (like public.symptom_synonym including indexes);
create table kaers_release.verbatim_coding (like public.verbatim_coding including indexes);
create table kaers_release.substance (like public.substance including indexes);
create table kaers_release.product (like public.product including indexes);
create table kaers_release.product_alias (like public.product_alias including indexes);
create table kaers_release.product_alias_key (like public.product_alias_key including indexes);
create table kaers_release.product_name_coding (like public.product_name_coding including indexes);

-- A database with releases already: until the next cut its copies hold the vocabulary now (the closest to what
-- the latest release cut that is still known), rather than nothing.
insert into kaers_release.organ_class select * from public.organ_class;
insert into kaers_release.symptom_term select * from public.symptom_term;
insert into kaers_release.symptom_synonym select * from public.symptom_synonym;
insert into kaers_release.verbatim_coding select * from public.verbatim_coding;
insert into kaers_release.substance select * from public.substance;
insert into kaers_release.product select * from public.product;
insert into kaers_release.product_alias select * from public.product_alias;
insert into kaers_release.product_alias_key select * from public.product_alias_key;
insert into kaers_release.product_name_coding select * from public.product_name_coding;
