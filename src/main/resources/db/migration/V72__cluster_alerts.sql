-- Stored cluster alerts (issue 17): what the cluster rules found, kept for reviewers to acknowledge or
-- dismiss with a reason. A rule that fires again for the same kind and key in an overlapping or adjoining
-- window continues the open alert (its cases and window grow); once an alert is decided, new cases raise a
-- new alert that names the earlier one. Decisions are kept beside the alert (who, when, why); the requests
-- themselves are in the audit log.
create sequence cluster_alert_seq start with 1 increment by 50;

create table cluster_alert (
    id                  bigint primary key default nextval('cluster_alert_seq'),
    kind                varchar(16)   not null check (kind in ('LOT', 'VENDOR', 'PRODUCT_WEEK')),
    alert_key           varchar(500)  not null,
    window_from         date          not null,
    window_to           date          not null,
    cases               integer       not null check (cases > 0),
    baseline_mean       double precision,
    alert_limit         double precision,
    case_numbers        text          not null,
    status              varchar(16)   not null check (status in ('OPEN', 'ACKNOWLEDGED', 'DISMISSED')),
    raised_at           timestamptz   not null,
    updated_at          timestamptz   not null,
    acknowledged_by     varchar(200),
    acknowledged_at     timestamptz,
    acknowledged_reason varchar(2000),
    dismissed_by        varchar(200),
    dismissed_at        timestamptz,
    dismissed_reason    varchar(2000),
    previous_id         bigint references cluster_alert (id),
    constraint cluster_alert_window check (window_from <= window_to),
    constraint cluster_alert_open check (status <> 'OPEN' or (acknowledged_at is null and dismissed_at is null)),
    constraint cluster_alert_acknowledged check (status <> 'ACKNOWLEDGED' or acknowledged_at is not null),
    constraint cluster_alert_dismissed check ((status = 'DISMISSED') = (dismissed_at is not null))
);

create index cluster_alert_key_idx on cluster_alert (kind, alert_key, window_to desc);
create index cluster_alert_list_idx on cluster_alert (status, raised_at desc, id desc);
