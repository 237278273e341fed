-- The trainer's room of a training center (issue 22), kept in the database so a restarted center
-- (or another of its processes) shows the same room: its code, the trainer's last signed command,
-- each laptop's last report and scenario history, and which one-time code the room issued for each
-- laptop's enrolment (its hash only). A production center never writes here.
create table training_room (
  id smallint primary key check (id = 1),
  code text not null,
  -- The last command as the laptops pull it (statement, key id, signature), JSON; null before the first.
  command text,
  -- The trainer's token when the center made one itself (no --admin-token): the same after a restart.
  admin_token text
);
create table training_trainees (
  device_id text primary key references devices (device_id),
  -- The newest report's sentAt (laptop clock, ms): an older or replayed report never replaces it.
  last_sent_at bigint not null,
  last_report_at timestamptz not null,
  report text not null,
  history text not null default '[]'
);
create table training_enrolments (
  device_id text primary key,
  code_hash text not null
);
