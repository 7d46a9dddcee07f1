-- The statistics' exclusive coding lock (V3, advisory lock 4242001) is taken by a coding change before it
-- touches a row. V3's triggers were statement triggers: an UPDATE of verbatim_coding, product_name_coding,
-- product or symptom_term took the lock even when its WHERE clause matched no row, and then waited for every
-- transaction storing cases (they hold the lock shared), for nothing. As row triggers they take it before the
-- first row is changed, and a statement that changes no row takes no lock. What the lock protects is unchanged:
-- no coding change is half-applied when a case commits, and every case committed before it is seen.
drop trigger verbatim_coding_stats_lock on verbatim_coding;
drop trigger product_name_coding_stats_lock on product_name_coding;
drop trigger product_stats_lock on product;
drop trigger symptom_term_stats_lock on symptom_term;

create or replace function stats_coding_lock() returns trigger language plpgsql as $$
begin
    -- taken once per transaction; later rows find it held (a local lookup)
    perform pg_advisory_xact_lock(4242001);
    return new;
end $$;

create trigger verbatim_coding_stats_lock before update on verbatim_coding
    for each row execute function stats_coding_lock();
create trigger product_name_coding_stats_lock before update on product_name_coding
    for each row execute function stats_coding_lock();
create trigger product_stats_lock before update on product
    for each row execute function stats_coding_lock();
create trigger symptom_term_stats_lock before update on symptom_term
    for each row execute function stats_coding_lock();
