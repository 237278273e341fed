-- Replay defence for signed GET requests (pull, bundle): the highest request counter the center
-- took from each device. A signed request is taken only when its counter is above it (one atomic
-- UPDATE, so several center processes agree); a replayed header is refused with `auth-replayed`.
alter table devices add column request_counter bigint not null default 0;
