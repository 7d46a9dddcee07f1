-- Duplicate suspects (issue 17): pairs of cases whose record-linkage weight reached the threshold when the
-- newer one arrived, queued for a reviewer to confirm (the newer or the older case is then nullified as a
-- DUPLICATE of the other) or dismiss. The weight and each field's part are kept as computed.
create sequence duplicate_suspect_seq start with 1 increment by 50;

create table duplicate_suspect (
    id               bigint primary key default nextval('duplicate_suspect_seq'),
    case_id          bigint        not null references case_report (id),
    candidate_id     bigint        not null references case_report (id),
    score            numeric(7, 2) not null,
    field_weights    text          not null,
    status           varchar(16)   not null check (status in ('OPEN', 'CONFIRMED', 'DISMISSED')),
    found_at         timestamptz   not null,
    decided_by       varchar(200),
    decided_at       timestamptz,
    decision_comment varchar(2000),
    nullified_case   varchar(32),
    constraint duplicate_suspect_pair_unique unique (case_id, candidate_id),
    constraint duplicate_suspect_not_self check (case_id <> candidate_id),
    constraint duplicate_suspect_decided check ((status = 'OPEN') = (decided_at is null))
);

create index duplicate_suspect_open_idx on duplicate_suspect (status, score desc, id);
