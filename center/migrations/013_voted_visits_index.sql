-- The outside-and-room check of a push (VOTED_VISITS_SQL, center.ts) reads some voters' visit votes
-- of a precinct through this partial expression index, not every event of the precinct.
create index events_voted_visits on events (election_id, precinct, (payload->>'voterId')) where type = 'MobileVisitRecorded';
