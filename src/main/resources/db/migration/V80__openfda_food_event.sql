-- openFDA's food/event record over our cases (issue 18; org.kaers.openfda): one row per case version in
-- openfda_food_event_version, and per counted case (its latest version, never a nullified case) in
-- openfda_food_event, with openFDA's fields as columns, so that a parsed search becomes a
-- WHERE clause over this view alone. Multi-valued fields are arrays; the products' arrays are aligned (by seq).
-- report_number: FDA's report number for an imported CAERS report, our case number otherwise.
-- outcomes: the source's own outcome list where it has one (CAERS), else our seriousness criteria in CAERS's
-- words (a case without criteria: NON-SERIOUS INJURIES/ ILLNESS, as CAERS writes it).
-- reactions: CAERS's terms as FDA has them; a direct case's coded terms (preferred names, upper case), a verbatim
-- while it is uncoded. industry_code / industry_name: not recorded per product (null).
create view openfda_food_event_version as
select cr.id as case_id,
       v.id as version_id,
       (cr.current_version = v.version and cr.status = 'ACTIVE') as latest_active,
       cr.disclosure_key as ckey,
       coalesce(case when cr.source = 'CAERS' then cr.external_id end, cr.case_number) as report_number,
       (cr.received_at at time zone 'UTC')::date as date_created,
       (select min(r.onset_date) from case_reaction r where r.case_version_id = v.id) as date_started,
       coalesce(
           (select array_agg(o.outcome order by o.outcome) from case_source_outcome o where o.case_version_id = v.id),
           (select array_agg(case s.criterion
                       when 'DEATH' then 'DEATH'
                       when 'LIFE_THREATENING' then 'LIFE THREATENING'
                       when 'HOSPITALIZATION' then 'HOSPITALIZATION'
                       when 'DISABILITY' then 'DISABILITY'
                       when 'CONGENITAL_ANOMALY' then 'CONGENITAL ANOMALY'
                       when 'REQUIRED_INTERVENTION' then 'REQ. INTERVENTION TO PRVNT PERM. IMPRMNT.'
                       else 'OTHER SERIOUS (IMPORTANT MEDICAL EVENTS)' end order by s.criterion)
            from case_seriousness s where s.case_version_id = v.id),
           array['NON-SERIOUS INJURIES/ ILLNESS']) as outcomes,
       coalesce((select array_agg(x.term order by x.first_seq) from (
           select case when cr.source = 'CAERS' then r.verbatim else coalesce(upper(t.preferred_name), r.verbatim) end as term,
                  min(r.seq) as first_seq
           from case_reaction r
           left join verbatim_coding c on c.verbatim = r.verbatim
           left join symptom_term t on t.id = c.term_id
           where r.case_version_id = v.id group by 1) x), array[]::text[]) as reactions,
       trim_scale(v.patient_age_value)::text as consumer_age,
       case v.patient_age_unit when 'DECADE' then 'decade(s)' when 'YEAR' then 'year(s)' when 'MONTH' then 'month(s)'
           when 'WEEK' then 'week(s)' when 'DAY' then 'day(s)' when 'HOUR' then 'hour(s)' end as consumer_age_unit,
       case v.patient_sex when 'FEMALE' then 'Female' when 'MALE' then 'Male' when 'UNKNOWN' then 'Unknown' end
           as consumer_gender,
       coalesce((select array_agg(p.role order by p.seq) from case_product p where p.case_version_id = v.id),
           array[]::text[]) as products_role,
       coalesce((select array_agg(p.name_reported order by p.seq) from case_product p where p.case_version_id = v.id),
           array[]::text[]) as products_name_brand,
       coalesce((select array_agg(null::text order by p.seq) from case_product p where p.case_version_id = v.id),
           array[]::text[]) as products_industry_code,
       coalesce((select array_agg(null::text order by p.seq) from case_product p where p.case_version_id = v.id),
           array[]::text[]) as products_industry_name
from case_version v
join case_report cr on cr.id = v.case_id;

create view openfda_food_event as
select e.* from openfda_food_event_version e where e.latest_active;
