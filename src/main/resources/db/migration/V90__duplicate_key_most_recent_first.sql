-- Screening's candidates are the most recently received indexed cases sharing a blocking key with the screened case,
-- at most DuplicateService.MAX_CANDIDATES (500) per case (duplicates/LinkageIndex.candidates). The query joined every
-- hit of every key to case_report and sorted them all: a key shared by thousands of cases (an onset day and sex, in a
-- busy database or a burst from one centre) made each batch read them all and case_report whole, 0.7 s a batch and
-- two thirds of PostgreSQL's time over the load harness's run (issue 16, README "Load and faults"). With the case's
-- receipt time beside each key, in an index in that order, each key reads at most 500 entries, whatever its size.
-- case_report.received_at is never updated (CaseReport: updatable = false), so the copy cannot go stale; the index
-- keeps a case's keys as of its last screening, and writes them again on every screening.
alter table duplicate_key add column received_at timestamptz;
update duplicate_key k set received_at = c.received_at from case_report c where c.id = k.case_id;
alter table duplicate_key alter column received_at set not null;
-- The same uniqueness as the primary key (received_at follows from case_id), in the order the candidates are read;
-- min/max of a field's values (the onset span) and equality on (field, value) use it as they used the key.
alter table duplicate_key drop constraint duplicate_key_pkey;
create unique index duplicate_key_recent_idx on duplicate_key (field, value, received_at desc, case_id desc);
