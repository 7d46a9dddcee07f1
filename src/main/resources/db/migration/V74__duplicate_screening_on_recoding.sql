-- A recoding reaches the linkage index (issue 17, V73): when a verbatim's term or a product name's product
-- changes (manual coding, a fuzzy coding replaced, products merged), the active cases whose latest version
-- reports it are queued for screening, which replaces their keys and counts and re-weighs their open pairs.
-- Statement-level: one insert per update, whatever the number of rows it changed.

-- Queues the active cases whose latest version is one of these versions, in id order (two recodings at once
-- cannot deadlock on the queue).
create function duplicate_screening_enqueue_versions(version_ids bigint[]) returns void language sql as $$
    insert into duplicate_screening (case_id)
    select distinct c.id from case_version v
    join case_report c on c.id = v.case_id and c.current_version = v.version and c.status = 'ACTIVE'
    where v.id = any(version_ids)
    order by c.id
    on conflict (case_id) do nothing;
$$;

create function duplicate_screening_recoded_verbatims() returns trigger language plpgsql as $$
begin
    perform duplicate_screening_enqueue_versions(array(
        select r.case_version_id from new_rows n join old_rows o on o.verbatim = n.verbatim
        join case_reaction r on r.verbatim = n.verbatim where o.term_id is distinct from n.term_id));
    return null;
end;
$$;

create trigger verbatim_coding_duplicate_screening after update on verbatim_coding
    referencing old table as old_rows new table as new_rows
    for each statement execute function duplicate_screening_recoded_verbatims();

create function duplicate_screening_recoded_products() returns trigger language plpgsql as $$
begin
    perform duplicate_screening_enqueue_versions(array(
        select p.case_version_id from new_rows n join old_rows o on o.name = n.name
        join case_product p on p.name_reported = n.name where o.product_id is distinct from n.product_id));
    return null;
end;
$$;

create trigger product_name_coding_duplicate_screening after update on product_name_coding
    referencing old table as old_rows new table as new_rows
    for each statement execute function duplicate_screening_recoded_products();
