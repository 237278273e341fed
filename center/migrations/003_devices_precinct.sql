-- The devices of a precinct: the push asks whether another laptop of the precinct has sent events.
create index devices_precinct on devices (election_id, precinct);
