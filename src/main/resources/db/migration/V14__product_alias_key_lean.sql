-- The lookup keys of aliases (V10) are written for every new product name of an import, about twelve a name
-- (540,000 rows for FDA's 45,000 names). Each row paid a foreign-key check (a trigger that looks up and
-- key-share-locks the alias row) and a second btree on the alias: measured in one run (psql, 540,000 rows,
-- machine under load), 61.0 s with both, 33.5 s without the foreign key, 13.7 s with the primary key alone.
-- Aliases are never deleted and their normalised text is never changed (a merge moves product_id), so the
-- cascade had nothing to do; the keys are derived data that ProductCoder.addMissingKeys rebuilds at start-up
-- for any alias that lacks them (an anti-join, without the dropped index: one pass at start).
do $$
declare c text;
begin
    for c in select conname from pg_constraint
             where conrelid = 'product_alias_key'::regclass and contype = 'f' loop
        execute format('alter table product_alias_key drop constraint %I', c);
    end loop;
end $$;
drop index if exists product_alias_key_alias_idx;
