-- Who submitted each case and each version (the token's subject; "import:CAERS" style for bulk loads).
-- Reporters see and follow up only the cases they submitted. Earlier rows have no submitter: only
-- reviewers and administrators see them.
alter table case_report add column submitted_by varchar(200);
alter table case_version add column submitted_by varchar(200);
create index case_report_submitted_by_idx on case_report (submitted_by, received_at desc, id desc);
