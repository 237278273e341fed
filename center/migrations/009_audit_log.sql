-- The center's audit log: every administrative action (load a bundle, issue a code, revoke or
-- re-key a laptop, import a USB file, read a protocol's QR codes, rebuild figures), with its
-- outcome: 'ok' or the refusal's code (a wrong token too). Never a secret: no one-time code, no token.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  action text not null,
  target text,
  outcome text not null,
  detail text not null default '{}'
);
create index audit_log_at on audit_log (at desc);
