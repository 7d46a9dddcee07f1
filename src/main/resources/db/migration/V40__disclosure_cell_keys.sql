-- Disclosure control by the cell key method (statistics.disclosure). Every case carries a permanent random
-- key, drawn here by PostgreSQL's strong random source (gen_random_uuid: 122 random bits; the first 32 are
-- taken) and never released. A cell's key is the sum of its cases' keys modulo 2^32; the published
-- perturbation table maps (cell value, cell key) to the released value, so the same set of cases always
-- gets the same answer.
alter table case_report add column disclosure_key bigint not null
    default ('x' || substr(gen_random_uuid()::text, 1, 8))::bit(32)::bigint
    check (disclosure_key >= 0 and disclosure_key < 4294967296);

-- The sum of the keys of the cases counted in a cell (kept beside n by the same fold, never released).
alter table stats_cell add column k bigint not null default 0;

update stats_cell c set k = x.k from (
    select y.a, y.b, y.period, sum(y.k) as k from (
        select a.v as a, b.v as b, 0 as period, cr.disclosure_key as k
        from stats_fact f join case_report cr on cr.id = f.case_id, unnest(f.vals) a(v), unnest(f.vals) b(v)
        where (a.v < b.v and (a.v = '*' or b.v not like '~%')) or (a.v = '*' and b.v = '*')
        union all
        select '*', b.v, f.period, cr.disclosure_key
        from stats_fact f join case_report cr on cr.id = f.case_id, unnest(f.vals) b(v) where b.v not like '~%'
    ) y group by y.a, y.b, y.period
) x where c.a = x.a and c.b = x.b and c.period = x.period;
