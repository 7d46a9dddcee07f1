-- Case reports after ICH E2B(R3) / MedWatch 3500: one row per case, one immutable row per version,
-- and products, reactions, seriousness criteria and labs as rows of a version so that statistics
-- can be computed in SQL.

create sequence case_number_seq start with 1 increment by 1 no cycle;

-- Ids come from pooled sequences (Hibernate allocates 50 at a time, so inserts batch).
create sequence case_report_seq start with 1 increment by 50;
create sequence case_version_seq start with 1 increment by 50;
create sequence case_product_seq start with 1 increment by 50;
create sequence case_reaction_seq start with 1 increment by 50;
create sequence case_lab_seq start with 1 increment by 50;

create table case_report (
    id                     bigint primary key default nextval('case_report_seq'),
    case_number            varchar(32)  not null unique,
    status                 varchar(16)  not null check (status in ('ACTIVE', 'NULLIFIED')),
    current_version        integer      not null check (current_version >= 1),
    source                 varchar(16)  not null check (source in ('DIRECT', 'CAERS')),
    external_id            varchar(64),
    received_at            timestamptz  not null,
    updated_at             timestamptz  not null,
    nullified_at           timestamptz,
    nullification_reason   varchar(32),
    nullification_comment  varchar(2000),
    duplicate_of           varchar(32),
    constraint case_report_nullified_consistent check (
        (status = 'ACTIVE' and nullified_at is null and nullification_reason is null)
        or (status = 'NULLIFIED' and nullified_at is not null and nullification_reason is not null)),
    constraint case_report_source_external_unique unique (source, external_id)
);

create table case_version (
    id                          bigint primary key default nextval('case_version_seq'),
    case_id                     bigint       not null references case_report (id),
    version                     integer      not null check (version >= 1),
    version_type                varchar(16)  not null check (version_type in ('INITIAL', 'FOLLOW_UP', 'AMENDMENT')),
    received_at                 timestamptz  not null,
    -- reporter (organisation and contact are confidential)
    reporter_qualification      varchar(32)  not null,
    reporter_country            char(2),
    reporter_organisation       varchar(200),
    reporter_contact            varchar(500),
    -- patient (initials are confidential)
    patient_initials            varchar(10),
    patient_age_value           numeric(7, 2),
    patient_age_unit            varchar(8),
    patient_age_group           varchar(16),
    patient_sex                 varchar(16),
    patient_weight_kg           numeric(6, 2),
    patient_pregnant            boolean,
    -- event
    date_of_death               date,
    narrative                   text check (char_length(narrative) <= 20000),
    -- derived by the server (report/derivation)
    serious                     boolean      not null,
    derived_age_group           varchar(16),
    liver_r_ratio               numeric(10, 3),
    liver_injury_pattern        varchar(16),
    hys_law                     boolean,
    constraint case_version_unique unique (case_id, version)
);

create table case_product (
    id                          bigint primary key default nextval('case_product_seq'),
    case_version_id             bigint        not null references case_version (id),
    seq                         integer       not null,
    role                        varchar(16)   not null,
    name_reported               varchar(300)  not null,
    vendor                      varchar(300),
    form                        varchar(32),
    strain                      varchar(200),
    lot_number                  varchar(100),
    mitragynine_mg_per_serving  numeric(10, 3),
    seven_oh_mg_per_serving     numeric(10, 3),
    purchase_channel            varchar(32),
    dose_amount                 numeric(12, 3),
    dose_unit                   varchar(16),
    doses_per_day               numeric(6, 2),
    route                       varchar(32),
    start_date                  date,
    stop_date                   date,
    reason_for_use              varchar(32),
    action_taken                varchar(32),
    dechallenge                 varchar(32),
    rechallenge                 varchar(32),
    constraint case_product_unique unique (case_version_id, seq)
);

create table case_reaction (
    id                          bigint primary key default nextval('case_reaction_seq'),
    case_version_id             bigint        not null references case_version (id),
    seq                         integer       not null,
    verbatim                    varchar(500)  not null,
    onset_date                  date,
    outcome                     varchar(32)   not null,
    time_to_onset_days          integer,
    constraint case_reaction_unique unique (case_version_id, seq)
);

create table case_seriousness (
    case_version_id             bigint        not null references case_version (id),
    criterion                   varchar(32)   not null,
    primary key (case_version_id, criterion)
);

create table case_lab (
    id                          bigint primary key default nextval('case_lab_seq'),
    case_version_id             bigint        not null references case_version (id),
    seq                         integer       not null,
    test_code                   varchar(40)   not null,
    value                       numeric(14, 4) not null,
    unit                        varchar(32),
    upper_limit_normal          numeric(14, 4),
    result_date                 date,
    constraint case_lab_unique unique (case_version_id, seq)
);

create index case_version_case_idx on case_version (case_id);
create index case_product_version_idx on case_product (case_version_id);
create index case_reaction_version_idx on case_reaction (case_version_id);
create index case_lab_version_idx on case_lab (case_version_id);
create index case_report_received_idx on case_report (received_at desc, id desc);

-- Versions are immutable: a follow-up or amendment adds a version, nothing rewrites one.
create function forbid_version_change() returns trigger language plpgsql as $$
begin
    raise exception 'case versions are immutable (% on %)', tg_op, tg_table_name;
end;
$$;

create trigger case_version_immutable before update or delete on case_version
    for each row execute function forbid_version_change();
create trigger case_product_immutable before update or delete on case_product
    for each row execute function forbid_version_change();
create trigger case_reaction_immutable before update or delete on case_reaction
    for each row execute function forbid_version_change();
create trigger case_seriousness_immutable before update or delete on case_seriousness
    for each row execute function forbid_version_change();
create trigger case_lab_immutable before update or delete on case_lab
    for each row execute function forbid_version_change();

-- Idempotency-Key records: a retried create or follow-up returns the original result.
create table idempotency_record (
    idempotency_key             varchar(200)  primary key,
    request_hash                char(64)      not null,
    case_number                 varchar(32),
    version                     integer,
    created_at                  timestamptz   not null
);
