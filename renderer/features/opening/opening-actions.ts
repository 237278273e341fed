/** Random numbers in [0, 1) from the platform's cryptographic generator, for a lot drawn here. */
export function cryptoRandom(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
}
