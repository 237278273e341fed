/**
 * At most so many open connections from one address (each serving process counts its own): one
 * machine opening sockets without end (idle ones, or ones trickling a request in) cannot take every
 * file descriptor of the center from the laptops. A connection over the limit is closed at once,
 * before a byte is read. Behind a reverse proxy every connection comes from the proxy, so there the
 * proxy limits connections (docs/OPERATIONS.md) and this cap is off unless set.
 */
import type { Server } from 'node:net';

/**
 * Enough for a consulate or a territorial commission whose laptops share one public address (a
 * browser keeps up to six connections to a host) — and far below the file descriptors a process has.
 */
export const DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

export function capConnectionsPerAddress(server: Server, perAddress: number, onRefused?: () => void): void {
  if (!(perAddress > 0)) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > perAddress) {
      socket.destroy();
      onRefused?.();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** `CENTER_CONNECTIONS_PER_ADDRESS`: a whole number, 0 for no cap; unset gives `fallback`. */
export function parseConnectionsPerAddress(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  if (!/^\d{1,7}$/u.test(text.trim())) throw new Error(`CENTER_CONNECTIONS_PER_ADDRESS must be a whole number (0: no cap), not ${JSON.stringify(text)}`);
  return Number(text.trim());
}
