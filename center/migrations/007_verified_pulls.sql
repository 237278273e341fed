-- Verified pulls: every pushed batch that stored events keeps its device signature, so a laptop
-- pulling those events gets the batch exactly as the device signed it (events `from_seq` ..
-- `to_seq`, the stored bodies) and checks the device's own signature, not the center's word.
-- Events stored before this migration have no row here; a laptop refuses them (documented).
create table batch_signatures (
  device_id text not null references devices (device_id),
  from_seq integer not null,
  to_seq integer not null,
  signature text not null,
  primary key (device_id, to_seq)
);
-- A retired key signs only the events up to the head acknowledged when it was retired.
alter table device_keys_retired add column until_seq integer;
