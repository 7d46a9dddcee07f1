-- Issue 16: the missing value of a case-level dimension ('sex=', 'exposureReason=', ...) is no longer paired with
-- other values (statistics.AggregateStore.caseLevelEmpty): a case has one value of such a dimension, so the cases
-- of an anchor value without one are the anchor's cases minus those with one (statistics.AggregateCounts). The
-- pairs kept so far are removed; the single cells ('*', 'sex=') stay.
delete from stats_cell
where a <> '*'
  and (a = any (array['serious=', 'ageGroup=', 'sex=', 'reporterQualification=', 'country=', 'source=',
                      'exposureReason=', 'exposureChronicity=', 'exposureSite=', 'careLevel=', 'medicalOutcome=',
                      'causality='])
       or b = any (array['serious=', 'ageGroup=', 'sex=', 'reporterQualification=', 'country=', 'source=',
                         'exposureReason=', 'exposureChronicity=', 'exposureSite=', 'careLevel=', 'medicalOutcome=',
                         'causality=']));
