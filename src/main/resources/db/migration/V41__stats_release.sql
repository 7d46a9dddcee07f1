-- Frozen statistics releases for researchers (statistics.ReleaseStore; issue 14). A researcher comparing live
-- answers before and after one case arrives would see which cells it entered; researchers therefore read the
-- latest release, a copy of the aggregates cut on a schedule (or by an administrator), and nothing newer.
-- Reviewers and administrators keep reading the live aggregates.

-- Every release cut, newest last. data_version is the aggregates' version the release was cut from.
create table stats_release (
    id            bigint      generated always as identity primary key,
    cut_at        timestamptz not null default now(),
    data_version  bigint      not null,
    cells         bigint      not null,
    cases         bigint      not null
);

-- The cells of the latest release (replaced as a whole when a release is cut, in one transaction): the cell's
-- true count n and key sum k as in stats_cell (never released), and p, the value published to researchers
-- (the perturbation table applied to n and k; 0: not listed). Only cells with n > 0.
create table stats_release_cell (
    a       text    collate "C" not null,
    b       text    collate "C" not null,
    period  integer not null,
    n       bigint  not null,
    k       bigint  not null,
    p       bigint  not null,
    primary key (a, b, period)
);
create index stats_release_cell_b_idx on stats_release_cell (b, a, period);
-- A cross of two dimensions for researchers: its first page is the first rows of this index.
create index stats_release_cell_dims_idx on stats_release_cell
    (split_part(a, '=', 1), split_part(b, '=', 1), period, p desc, a, b);

-- Per pair of dimensions (all time), the pairs listed to researchers (p > 0, both values present): the
-- number of groups of a cross, so that its first page needs no count over every pair.
create table stats_release_dims (
    x       text   collate "C" not null,
    y       text   collate "C" not null,
    groups  bigint not null,
    primary key (x, y)
);

-- The counted case versions of the latest release: what recounts from the raw rows count for researchers.
create table stats_release_case (
    case_id     bigint primary key,
    version_id  bigint not null
);
