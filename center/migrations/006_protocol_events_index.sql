-- The dashboard reads every precinct's protocol events (status, signed versions): a partial index
-- holds only the few `Protocol*` rows, so it does not scan the ballots (other rows skip the index).
create index events_protocol on events (election_id, precinct, ingest_id) where type like 'Protocol%';
