-- A commission's resolution of an incident, as its laptop recorded it (IncidentResolved) or as
-- recorded at the center.
alter table incidents add column resolved_at timestamptz;
alter table incidents add column resolution text;
alter table incidents add column resolved_by text;
create index incidents_precinct on incidents (election_id, precinct);
