-- The worker updates the count of an existing cell far more often than it adds a cell. With free space left
-- in each page, such an update is a heap-only tuple (HOT) update: n is in no index, so none of stats_cell's
-- indexes is touched. Applies to pages written from now on (all of them after the next rebuild).
alter table stats_cell set (fillfactor = 70);
