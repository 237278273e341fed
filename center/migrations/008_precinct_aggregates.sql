-- The figures kept at ingest, one row a precinct (center/src/aggregates.ts): events stored, ballots
-- issued in the room and outside by report slot (slot k: counted from report time k on; the last
-- slot: after the last report time), issues taken back, undo events stored and the latest protocol
-- event. `basis` is the voting day, report times and zone the slots are cut by; a row on another
-- basis, or missing (events stored before this migration), is recomputed from the events.
create table precinct_aggregates (
  election_id text not null,
  precinct integer not null,
  basis text not null,
  events bigint not null default 0,
  room_slots integer[] not null,
  outside_slots integer[] not null,
  undone integer not null default 0,
  undos integer not null default 0,
  protocol_type text,
  protocol_recorded_at text,
  protocol_received_at timestamptz,
  protocol_events integer not null default 0,
  primary key (election_id, precinct),
  foreign key (election_id, precinct) references precincts (election_id, number)
);
