-- A version number of the aggregated data, for reproducible signal results: it increases whenever the
-- worker folds changes in or the aggregates are rebuilt.
alter table stats_state add column data_version bigint not null default 0;

-- Fitted priors of the gamma-Poisson shrinker (EBGM), newest last; each with the data it came from and
-- its fit diagnostics. Append-only: a refit adds a row.
create table signal_prior (
    id              bigint       generated always as identity primary key,
    fitted_at       timestamptz  not null default now(),
    data_version    bigint       not null,
    total_cases     bigint       not null,
    cells           integer      not null,
    points          integer      not null,
    alpha1          double precision not null,
    beta1           double precision not null,
    alpha2          double precision not null,
    beta2           double precision not null,
    p               double precision not null,
    log_likelihood  double precision not null,
    starts          integer      not null,
    starts_converged integer     not null,
    converged       boolean      not null,
    evaluations     bigint       not null,
    duration_ms     bigint       not null,
    reason          varchar(40)  not null
);
