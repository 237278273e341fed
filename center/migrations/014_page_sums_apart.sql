-- Page sums that two laptops of a precinct entered before they exchanged records, with different
-- totals (shared/protocol/ledger.ts `pageSumsDisagreement`): the entries standing apart, as JSON
-- ([{total, pages, at, enteredBy, device}], in time order); null when they agree or one stands.
-- The rows are derived: only those with page sums entered can hold such entries, so only they are
-- marked stale here (another basis) and recomputed from the events when the center starts
-- (center/src/aggregates.ts recomputeStaleAggregates).
alter table precinct_aggregates add column page_sums_apart jsonb;
update precinct_aggregates set basis = 'stale: 014 page sums apart' where page_sums is not null;
