-- The signatures summed on the list's pages (item 75) as a precinct's laptops entered and corrected
-- them (shared/protocol/ledger.ts `signaturesEntered`); null until entered. Once entered they are
-- the precinct's ballots issued in the room, as on the act on ballots issued and the protocol's
-- line (`issuedByAct`). The rows are derived: emptied here, each is recomputed from the events at
-- its first read (center/src/aggregates.ts currentAggregates).
alter table precinct_aggregates add column page_sums integer;
delete from precinct_aggregates;
