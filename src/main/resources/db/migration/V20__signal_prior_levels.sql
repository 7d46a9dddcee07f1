-- The EBGM prior per level (issue 12): 'symptom' is fitted over canonical product x coded symptom cells (as
-- before), 'verbatim' over product name as reported x reaction term as reported (FDA's MedDRA preferred term
-- for imported data), the level at which openEBGM and studies of FDA's data count. A fit that could not be
-- made (too little data) or is suspect (a parameter on a bound, a degenerate component) is stored with its
-- warnings; one that was not made has no hyperparameters, and EBGM is then not computed.
alter table signal_prior add column level varchar(20) not null default 'symptom';
alter table signal_prior add column warnings text[] not null default '{}';
alter table signal_prior alter column alpha1 drop not null;
alter table signal_prior alter column beta1 drop not null;
alter table signal_prior alter column alpha2 drop not null;
alter table signal_prior alter column beta2 drop not null;
alter table signal_prior alter column p drop not null;
alter table signal_prior alter column log_likelihood drop not null;
alter table signal_prior alter column reason type varchar(100);
alter table signal_prior add constraint signal_prior_level check (level in ('symptom', 'verbatim'));
alter table signal_prior add constraint signal_prior_fitted
    check ((alpha1 is null) = (beta1 is null) and (alpha1 is null) = (alpha2 is null)
           and (alpha1 is null) = (beta2 is null) and (alpha1 is null) = (p is null));
create index signal_prior_level_idx on signal_prior (level, id desc);
