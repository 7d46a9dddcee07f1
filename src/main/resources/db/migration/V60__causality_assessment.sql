-- Causality assessments (issue 17): a reviewer's assessment of one suspect product x reaction of a case,
-- append-only like the case: a reassessment adds a version, nothing rewrites one. The case version the
-- assessment was computed on is kept, so a read can tell whether the case has changed since.
create sequence causality_assessment_seq start with 1 increment by 50;

create table causality_assessment (
    id                      bigint primary key default nextval('causality_assessment_seq'),
    case_id                 bigint        not null references case_report (id),
    product_index           integer       not null check (product_index >= 0),
    product_name            varchar(300)  not null,
    reaction_index          integer       not null check (reaction_index >= 0),
    reaction_verbatim       varchar(500)  not null,
    assessment_version      integer       not null check (assessment_version >= 1),
    case_version            integer       not null check (case_version >= 1),
    assessor                varchar(200)  not null,
    assessed_at             timestamptz   not null,
    who_umc                 varchar(16),
    naranjo_answers         text,
    naranjo_score           integer,
    naranjo_band            varchar(16),
    rucam_requested_scale   varchar(32),
    rucam_answers           text,
    rucam_result            text,
    rucam_score             integer,
    rucam_band              varchar(24),
    comment                 varchar(2000),
    constraint causality_assessment_unique unique (case_id, product_index, reaction_index, assessment_version),
    constraint causality_assessment_some_method check (
        who_umc is not null or naranjo_answers is not null or rucam_result is not null)
);

create index causality_assessment_case_idx on causality_assessment (case_id);

create trigger causality_assessment_immutable before update or delete on causality_assessment
    for each row execute function forbid_version_change();
