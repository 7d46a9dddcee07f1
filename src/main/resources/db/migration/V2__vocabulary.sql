-- Coded vocabulary: symptom terms with synonyms, products with aliases and substances, and the coding
-- of what reporters wrote. Case versions stay immutable: codings live beside them, keyed by the text as
-- reported, so re-coding a verbatim (or merging products) changes what every case with it counts as.

create extension if not exists pg_trgm;

create sequence symptom_term_seq start with 1 increment by 50;
create sequence product_seq start with 1 increment by 50;
create sequence uncurated_term_code_seq start with 1;

create table organ_class (
    code        varchar(40)  primary key,
    name        varchar(100) not null,
    sort_order  integer      not null
);

insert into organ_class (code, name, sort_order) values
    ('HEPATOBILIARY', 'Hepatobiliary disorders', 1),
    ('NERVOUS_SYSTEM', 'Nervous system disorders', 2),
    ('RESPIRATORY', 'Respiratory, thoracic and mediastinal disorders', 3),
    ('CARDIAC', 'Cardiac disorders', 4),
    ('VASCULAR', 'Vascular disorders', 5),
    ('PSYCHIATRIC', 'Psychiatric disorders', 6),
    ('GASTROINTESTINAL', 'Gastrointestinal disorders', 7),
    ('GENERAL', 'General disorders and administration site conditions', 8),
    ('SKIN', 'Skin and subcutaneous tissue disorders', 9),
    ('RENAL', 'Renal and urinary disorders', 10),
    ('MUSCULOSKELETAL', 'Musculoskeletal and connective tissue disorders', 11),
    ('METABOLISM', 'Metabolism and nutrition disorders', 12),
    ('BLOOD', 'Blood and lymphatic system disorders', 13),
    ('EYE', 'Eye disorders', 14),
    ('EAR', 'Ear and labyrinth disorders', 15),
    ('ENDOCRINE', 'Endocrine disorders', 16),
    ('IMMUNE', 'Immune system disorders', 17),
    ('INFECTIONS', 'Infections and infestations', 18),
    ('INVESTIGATIONS', 'Investigations', 19),
    ('INJURY_POISONING', 'Injury, poisoning and procedural complications', 20),
    ('PREGNANCY_NEONATAL', 'Pregnancy, puerperium and perinatal conditions', 21),
    ('REPRODUCTIVE', 'Reproductive system and breast disorders', 22),
    ('SOCIAL_CIRCUMSTANCES', 'Social circumstances', 23),
    ('UNCLASSIFIED', 'Not yet classified', 99);

create table symptom_term (
    id              bigint       primary key default nextval('symptom_term_seq'),
    code            varchar(20)  not null unique,
    preferred_name  varchar(200) not null,
    organ_class     varchar(40)  not null references organ_class (code),
    curated         boolean      not null,
    external_code   varchar(40),
    created_at      timestamptz  not null default now()
);

-- Every name a term is known by, normalised (see vocabulary/TextNormalizer): unique across the vocabulary.
create table symptom_synonym (
    normalized  varchar(500) primary key,
    term_id     bigint       not null references symptom_term (id),
    text        varchar(500) not null,
    preferred   boolean      not null
);
create index symptom_synonym_term_idx on symptom_synonym (term_id);
create index symptom_synonym_trgm_idx on symptom_synonym using gin (normalized gin_trgm_ops);

-- The coding of each distinct reaction verbatim as reported. Method: EXACT (preferred name or synonym
-- after normalisation), FUZZY (trigram similarity >= threshold), MANUAL (a person), UNCODED (queue).
create table verbatim_coding (
    verbatim         varchar(500) primary key,
    normalized       varchar(500) not null,
    term_id          bigint       references symptom_term (id),
    method           varchar(16)  not null check (method in ('EXACT', 'FUZZY', 'MANUAL', 'UNCODED')),
    score            numeric(4, 3),
    matched_synonym  varchar(500),
    coded_by         varchar(100),
    coded_at         timestamptz  not null,
    constraint verbatim_coding_term check ((method = 'UNCODED') = (term_id is null))
);
create index verbatim_coding_normalized_idx on verbatim_coding (normalized);
create index verbatim_coding_term_idx on verbatim_coding (term_id);

-- Append-only record of manual coding decisions.
create table coding_audit (
    id              bigint generated always as identity primary key,
    normalized      varchar(500) not null,
    old_term_id     bigint       references symptom_term (id),
    new_term_id     bigint       not null references symptom_term (id),
    verbatims       integer      not null,
    actor           varchar(100) not null,
    at              timestamptz  not null,
    comment         varchar(1000)
);

create table substance (
    code        varchar(32)  primary key,
    name        varchar(100) not null,
    category    varchar(32)  not null,
    sort_order  integer      not null
);

create table product (
    id           bigint       primary key default nextval('product_seq'),
    name         varchar(300) not null,
    vendor       varchar(300),
    form         varchar(32),
    substance    varchar(32)  not null references substance (code),
    curated      boolean      not null,
    merged_into  bigint       references product (id),
    created_at   timestamptz  not null default now()
);

-- Normalised names that identify a product.
create table product_alias (
    normalized  varchar(300) primary key,
    product_id  bigint       not null references product (id),
    text        varchar(300) not null
);
create index product_alias_product_idx on product_alias (product_id);
create index product_alias_trgm_idx on product_alias using gin (normalized gin_trgm_ops);

-- The coding of each distinct product name as reported. Method: EXACT (an alias after normalisation),
-- FUZZY (trigram similarity >= threshold; reviewed in the queue), NEW (a new uncurated product), MANUAL.
create table product_name_coding (
    name        varchar(300) primary key,
    normalized  varchar(300) not null,
    product_id  bigint       not null references product (id),
    method      varchar(16)  not null check (method in ('EXACT', 'FUZZY', 'NEW', 'MANUAL')),
    score       numeric(4, 3),
    coded_at    timestamptz  not null
);
create index product_name_coding_product_idx on product_name_coding (product_id);

create index case_reaction_verbatim_idx on case_reaction (verbatim);
create index case_product_name_idx on case_product (name_reported);
