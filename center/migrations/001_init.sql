-- Precinct Desk center, first schema. SQL kept to what PostgreSQL 15 and PGlite (PostgreSQL 18) share.

create table elections (
  id text primary key,
  created_at timestamptz not null default now()
);

-- Every bundle ever loaded, signed by the center; the highest version of an election is current.
create table bundles (
  election_id text not null references elections (id),
  bundle_version integer not null,
  bundle_hash text not null,
  body text not null,
  statement text not null,
  signature text not null,
  key_id text not null,
  loaded_at timestamptz not null default now(),
  primary key (election_id, bundle_version)
);

create table precincts (
  election_id text not null references elections (id),
  number integer not null,
  name text not null,
  territorial_commission text not null,
  time_zone text not null,
  primary key (election_id, number)
);

-- One-time enrolment codes: only the SHA-256 of the code is kept.
create table enrolment_codes (
  code_hash text primary key,
  election_id text not null,
  precinct integer not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_device text,
  foreign key (election_id, precinct) references precincts (election_id, number)
);

create table devices (
  device_id text primary key,
  election_id text not null,
  precinct integer not null,
  public_key text not null,
  key_id text not null,
  label text,
  enrolled_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoke_reason text,
  foreign key (election_id, precinct) references precincts (election_id, number)
);

-- The events as the devices signed them. `body` is the canonical JSON of the whole event (the
-- authority, returned by pull); `payload` is a queryable copy, null when PostgreSQL's jsonb cannot
-- hold it (a U+0000 or a lone surrogate in a string). `ingest_id` orders arrivals per precinct.
create table events (
  device_id text not null references devices (device_id),
  seq integer not null,
  ingest_id bigserial not null unique,
  election_id text not null,
  precinct integer not null,
  event_id text not null,
  hash text not null,
  prev_hash text not null,
  hlc text not null,
  type text not null,
  payload jsonb,
  body text not null,
  received_at timestamptz not null default now(),
  primary key (device_id, seq)
);
create index events_precinct_ingest on events (election_id, precinct, ingest_id);

-- Where each device stands: acknowledged push head and its last pull.
create table device_cursors (
  device_id text primary key references devices (device_id),
  ack_seq integer not null default 0,
  ack_hash text,
  last_push_at timestamptz,
  pull_cursor bigint not null default 0,
  last_pull_at timestamptz
);

-- Things a person at the center should look at (forked logs, bad signatures, revoked devices calling).
create table incidents (
  id bigserial primary key,
  at timestamptz not null default now(),
  kind text not null,
  device_id text,
  election_id text,
  precinct integer,
  detail text not null default '{}'
);
create index incidents_at on incidents (at);

-- The center's bundle-signing key, shared by every center process on this database.
create table center_keys (
  key_id text primary key,
  public_jwk text not null,
  private_jwk text not null,
  created_at timestamptz not null default now()
);
