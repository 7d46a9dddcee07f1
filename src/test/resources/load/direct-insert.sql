-- pgbench script: the rows one submitted case report writes (see report/CaseReportService.submit and
-- security/AuditFilter), inserted directly, one report per transaction, as the ceiling the load harness
-- compares the service's intake with (README, "Load and faults"). The same tables, triggers (the statistics
-- queue), indexes and constraints; values vary like the harness's reports. Case numbers start with PGB-.
\set age random(16, 80)
\set weight random(45, 120)
\set p random(1, 12)
\set v1 random(1, 20)
\set v2 random(1, 20)
\set alt random(30, 3000)
\set serious random(0, 2)
\set k random(1, 9000000000000000000)
BEGIN;
INSERT INTO idempotency_record (idempotency_key, request_hash, created_at)
  VALUES ('pgbench-' || :client_id || '-' || :k, md5(random()::text) || md5(random()::text), now());
INSERT INTO case_report (case_number, status, current_version, source, received_at, updated_at, submitted_by)
  VALUES ('PGB-2026-' || lpad(nextval('case_number_seq')::text, 6, '0'), 'ACTIVE', 1, 'DIRECT', now(), now(),
          'load-reporter-' || :client_id)
  RETURNING id AS case_id, case_number AS case_number \gset
INSERT INTO case_version (case_id, version, version_type, received_at, submitted_by, reporter_qualification,
    reporter_country, reporter_organisation, reporter_contact, patient_initials, patient_age_value, patient_age_unit,
    patient_age_group, patient_sex, patient_weight_kg, patient_pregnant, narrative, serious, derived_age_group,
    liver_r_ratio, liver_injury_pattern, hys_law)
  VALUES (:case_id, 1, 'INITIAL', now(), 'load-reporter-' || :client_id, 'PHYSICIAN', 'US', 'Regional Poison Centre',
    'duty toxicologist +1 555 0100', 'AB', :age, 'YEAR', NULL, CASE WHEN :age % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END,
    :weight, false, 'Patient using kratom daily presented to the emergency department; see labs. ' || :case_number,
    :serious > 0, CASE WHEN :age < 65 THEN 'ADULT' ELSE 'ELDERLY' END, :alt / 40.0 / 1.1, 'HEPATOCELLULAR', false)
  RETURNING id AS version_id \gset
INSERT INTO case_product (case_version_id, seq, role, name_reported, vendor, form, strain, purchase_channel,
    dose_amount, dose_unit, doses_per_day, route, start_date, reason_for_use, action_taken)
  VALUES (:version_id, 0, 'SUSPECT',
    (ARRAY['Maeng Da Kratom','KRATOM CAPSULES','MIT45 GOLD','OPMS LIQUID KRATOM','7OH TABLETS','Red Bali Kratom Powder',
           'Feel Free Tonic','Green Malay Kratom','kratom extract shot','7-OH gummies','kratom','Red Vein Thai'])[:p],
    'Acme Botanicals', 'POWDER', 'Red Bali', 'SMOKE_SHOP', 5, 'GRAM', 3, 'ORAL', current_date - 40, 'PAIN',
    'DRUG_WITHDRAWN');
INSERT INTO case_product (case_version_id, seq, role, name_reported, route)
  VALUES (:version_id, 1, 'CONCOMITANT', 'alcohol', 'ORAL');
INSERT INTO case_reaction (case_version_id, seq, verbatim, onset_date, outcome, time_to_onset_days)
  VALUES (:version_id, 0, (ARRAY['vomiting','nausea','seizure','fits','tachycardia','jaundice','dark urine','itching',
           'drug withdrawal syndrome','drowsiness','agitation','confusion','respiratory depression','abdominal pain',
           'constipation','dizziness','insomnia','anxiety','elevated liver enzymes','tremor'])[:v1],
          current_date - 5, 'RECOVERING', 35),
         (:version_id, 1, (ARRAY['vomiting','nausea','seizure','fits','tachycardia','jaundice','dark urine','itching',
           'drug withdrawal syndrome','drowsiness','agitation','confusion','respiratory depression','abdominal pain',
           'constipation','dizziness','insomnia','anxiety','elevated liver enzymes','tremor'])[:v2],
          current_date - 4, 'RECOVERED', 36);
INSERT INTO case_seriousness (case_version_id, criterion) VALUES (:version_id, 'HOSPITALIZATION');
INSERT INTO case_lab (case_version_id, seq, test_code, value, unit, upper_limit_normal, result_date)
  VALUES (:version_id, 0, 'ALT', :alt, 'U/L', 40, current_date - 3),
         (:version_id, 1, 'ALP', 200, 'U/L', 120, current_date - 3);
UPDATE idempotency_record SET case_number = :case_number, version = 1
  WHERE idempotency_key = 'pgbench-' || :client_id || '-' || :k;
COMMIT;
INSERT INTO audit_event (actor, roles, action, resource, status, client)
  VALUES ('load-reporter-' || :client_id, 'REPORTER', 'POST', '/api/v1/reports/' || :case_number, 201, '127.0.0.1');
