-- Re-keying a laptop: a one-time code bound to the device, and the keys it had before.
alter table enrolment_codes add column rekey_device text;
create table device_keys_retired (
  device_id text not null references devices (device_id),
  public_key text not null,
  key_id text not null,
  retired_at timestamptz not null default now()
);
-- One open incident per (device, cause): repeats count up and move the last-seen time.
alter table incidents add column open_key text;
alter table incidents add column repeats integer not null default 1;
alter table incidents add column last_seen_at timestamptz;
create unique index incidents_open_once on incidents (open_key) where resolved_at is null;
-- The double-issue check reads one voter's ballots of a precinct, not the whole precinct.
create index events_voter_ballots on events (election_id, precinct, (payload->>'voterId')) where type in ('BallotIssued', 'BallotIssueUndone');
