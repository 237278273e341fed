-- Rotation of the center's signing key (issue 20). The key in use is the newest one not retired; a
-- rotated-out key is kept (sealed like the others) with the time it was retired. Every rotation
-- leaves an endorsement: the old key's signature over the new key's id and public JWK
-- (shared/sync/key-chain), which the center sends with every bundle and roster it signs, so a
-- laptop pinned to an older key follows the chain to the key in use. The endorsements are public;
-- they live apart from center_keys because a key configured from a file (CENTER_SIGNING_KEY_FILE)
-- has no row there but is endorsed all the same.
alter table center_keys add column retired_at timestamptz;

create table center_key_endorsements (
  to_key_id text primary key,
  from_key_id text not null,
  endorsement text not null,
  created_at timestamptz not null default now()
);
