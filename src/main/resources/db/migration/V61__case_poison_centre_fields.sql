-- Poison-centre fields of a case version (issue 17): the reporting centre's own case reference (searchable)
-- and the exposure, care, patient history, vital signs and toxicology as one JSON document, written once
-- with the version. Versions stored before this migration have both null and read as they were stored.
-- Adding columns does not fire the immutability triggers; nothing rewrites an existing row.
alter table case_version add column centre_reference varchar(64);
alter table case_version add column poison_centre jsonb;

create index case_version_centre_reference_idx on case_version (lower(centre_reference))
    where centre_reference is not null;
