-- Issue 12: an interrupted or failed import can be resumed (POST /api/v1/imports/{id}/resume): the service keeps
-- the job's file until the job succeeds or is cancelled, and the resumed run skips the reports the job row says are
-- handled. resumed counts the resumptions; rows_read_before is what earlier runs had read, so that the rate and the
-- time left are those of the current run.
alter table import_job add column resumed integer not null default 0;
alter table import_job add column rows_read_before bigint not null default 0;
