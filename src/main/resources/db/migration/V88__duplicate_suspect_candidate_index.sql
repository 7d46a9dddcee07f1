-- Screening reads the pairs already known for a batch of cases (duplicates/DuplicateRepository.involving: the case
-- on either side, `case_id in (...) or candidate_id in (...)`); the pair's unique key serves the case side only, so
-- the candidate side scanned the whole table, a statement per batch that grew with the suspects found (issue 16:
-- 53 ms a batch at 190,000 suspects). The list's "involving a case" filter reads the same way.
create index duplicate_suspect_candidate_idx on duplicate_suspect (candidate_id);
