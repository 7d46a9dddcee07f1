-- The de-identified line listing filters counted cases by their values.
create index stats_fact_vals_idx on stats_fact using gin (vals);
