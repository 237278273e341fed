/** Splits a Content-Security-Policy header into its directives; a repeated directive throws. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/u);
    if (!name) continue;
    if (directives.has(name)) throw new Error(`directive ${name} appears twice`);
    directives.set(name, sources);
  }
  return directives;
}
