/**
 * Stopping a serving process (SIGTERM from systemd, Docker or the cluster primary; Ctrl-C) without
 * hanging on a client that never finishes: idle keep-alive connections are closed at once, requests
 * in flight get `graceMs` to finish, then every connection still open is cut and the process goes
 * on closing. A client that stalls an upload or never reads its answer cannot keep the center up.
 *
 * Nothing acknowledged is lost by the cut: a push is acknowledged only after its transaction
 * committed, and a request cut before its answer left stored either all of its batch or nothing
 * (the laptop retries and gets the same ack).
 */
import type { FastifyInstance } from 'fastify';

/** How long requests in flight may take after a stop signal (`CENTER_SHUTDOWN_GRACE_S`, 10 s). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** `CENTER_SHUTDOWN_GRACE_S`: seconds, a number from 0 to 600; unset = 10. */
export function parseShutdownGrace(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SHUTDOWN_GRACE_MS;
  const s = Number(text);
  if (!Number.isFinite(s) || s < 0 || s > 600) throw new Error(`CENTER_SHUTDOWN_GRACE_S must be a number of seconds from 0 to 600, not ${JSON.stringify(text)}`);
  return Math.round(s * 1000);
}

/**
 * Closes the server: new connections refused, idle ones closed, the others cut after `graceMs`.
 * Resolves once Fastify closed (its onClose hooks ran); `forced` says whether connections were cut.
 */
export async function closeServer(app: FastifyInstance, graceMs: number): Promise<{ forced: boolean }> {
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.log.warn({ graceMs }, 'center: requests still open after the grace period; their connections are cut');
    app.server.closeAllConnections();
  }, graceMs);
  timer.unref();
  try {
    app.server.closeIdleConnections();
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { forced };
}
