-- Imports of public data as jobs (issue #12): every import is a row here, with its progress, so that it can
-- be watched, cancelled, and found after a restart. Counts are updated in the transaction of each batch, so
-- they always say exactly what is committed.
create table import_job (
    id               uuid         primary key,
    source           varchar(16)  not null check (source in ('CAERS')),
    state            varchar(16)  not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED',
                                                             'CANCELLED', 'INTERRUPTED')),
    layout           varchar(32),
    created_by       varchar(200) not null,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    bytes_total      bigint,
    rows_total       bigint,
    reports_total    bigint,
    rows_read        bigint       not null default 0,
    reports_read     bigint       not null default 0,
    reports_stored   bigint       not null default 0,
    reports_unchanged bigint      not null default 0,
    reports_updated  bigint       not null default 0,
    reports_rejected bigint       not null default 0,
    rows_rejected    bigint       not null default 0,
    data_quality     bigint       not null default 0,
    last_report      varchar(64),
    cancel_requested boolean      not null default false,
    detail           varchar(2000),
    problems         jsonb        not null default '[]'::jsonb
);
create index import_job_created_idx on import_job (created_at desc);

-- What an imported report looked like when it was last stored, to tell a changed report in a later export
-- (a follow-up version of the same case) from an unchanged one (left alone).
alter table case_report add column source_digest varchar(64);

-- Values a public source reported that break a rule written for clinicians' submissions: kept as reported,
-- left out of the derived fields they would distort, and listed with the version.
create table case_data_quality (
    case_version_id  bigint        not null references case_version (id),
    seq              integer       not null,
    field            varchar(200)  not null,
    problem          varchar(500)  not null,
    primary key (case_version_id, seq)
);

-- A placeholder for a confidential name (REDACTED, EXEMPTION 4) is kept as reported but coded to no product
-- (WITHHELD). A fuzzy match that is not certain enough to merge automatically is a suggestion: the name gets
-- its own product and the review queue offers the suggested one.
alter table product_name_coding alter column product_id drop not null;
alter table product_name_coding drop constraint product_name_coding_method_check;
alter table product_name_coding add constraint product_name_coding_method_check
    check (method in ('EXACT', 'FUZZY', 'NEW', 'MANUAL', 'WITHHELD'));
alter table product_name_coding add constraint product_name_coding_withheld
    check ((method = 'WITHHELD') = (product_id is null));
alter table product_name_coding add column suggested_product_id bigint references product (id);
alter table product_name_coding add column suggested_score numeric(4, 3);
create index product_name_coding_suggested_idx on product_name_coding (suggested_product_id)
    where suggested_product_id is not null;

-- Product names are matched through the trigram index for every new name of an import. GIN's pending list (fast
-- update) is scanned linearly by every search until the next vacuum; without it the cost of a search does not
-- grow with the names inserted since.
alter index product_alias_trgm_idx set (fastupdate = off);

-- Lookup keys of each alias for automatic matching (vocabulary/ProductNames.keys): the same words in another order,
-- the same letters spaced differently, the words with one of them masked or dropped. A new name probes these keys
-- (btree lookups), so finding the names it may be a spelling of costs the same however many products are stored.
create table product_alias_key (
    key         varchar(700) not null,
    normalized  varchar(300) not null references product_alias (normalized) on delete cascade on update cascade,
    primary key (key, normalized)
);
create index product_alias_key_alias_idx on product_alias_key (normalized);
