-- Issue 12: a product whose name FDA withheld (REDACTED, EXEMPTION 4, ...; coded WITHHELD, no product) is now a
-- product row of its case in the statistics (productName NAME WITHHELD, productRole, productForm), where the
-- inner join to product dropped it. The cases that have one are queued again so that their facts include it.
insert into stats_queue (case_id)
select distinct v.case_id
from case_product cp
join product_name_coding pnc on pnc.name = cp.name_reported and pnc.method = 'WITHHELD'
join case_version v on v.id = cp.case_version_id;
