-- Signed protocols received as their QR codes (pasted text from a scanner), verified before storing.
create table protocol_qr (
  id bigserial primary key,
  election_id text not null,
  precinct integer not null,
  protocol_version integer not null,
  mark text not null,
  form_id text not null,
  form_version integer not null,
  hash text not null,
  device_id text not null references devices (device_id),
  line_values text not null,
  received_at timestamptz not null default now(),
  unique (election_id, precinct, hash)
);
