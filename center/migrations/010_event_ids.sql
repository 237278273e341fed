-- A push is refused when one of its event ids is already stored in the precinct (laptops keep
-- event ids unique): the look-up, under the precinct's lock, by this index.
create index events_precinct_event_id on events (election_id, precinct, event_id);
