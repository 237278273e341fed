/**
 * Which URLs the app may hand to the operating system's browser (`shell.openExternal`), e.g. a link
 * to the election commission's web site in a help page. Everything else is refused.
 *
 * Policy:
 * - scheme `https:` or `http:` only (no `javascript:`, `file:`, `data:`, `app:`, `mailto:`, custom
 *   schemes that would start other programs);
 * - an absolute URL with a host; no user name or password in it (`https://user:pass@host` is a
 *   classic phishing disguise);
 * - at most MAX_EXTERNAL_URL_LENGTH characters, no whitespace or control characters anywhere;
 * - the host is an ASCII DNS name of at least two labels with an alphabetic top-level label: no IP
 *   literals, no `localhost` or other single-label names (a link must not reach services on the
 *   user's machine or local network through the browser);
 * - IDN: internationalised host names (which URL parsing turns into `xn--` labels) are refused,
 *   because look-alike characters make them easy to spoof; the sites this app links to have ASCII
 *   names;
 * - ports: only the scheme's default port (an explicit `:443` on https or `:80` on http is
 *   normalised away and accepted); any other port is refused as unusual for a public web site.
 */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;
const TOP_LEVEL_LABEL = /^[a-z]{2,63}$/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/u;

function isPublicDnsName(hostname: string): boolean {
  if (hostname.length === 0 || hostname.length > 253) return false;
  const labels = hostname.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label) && !label.startsWith('xn--'))) return false;
  return TOP_LEVEL_LABEL.test(labels[labels.length - 1] ?? '');
}

/** The normalised URL to open externally, or null when it must not be opened. */
export function trustedExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  if (raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (WHITESPACE_OR_CONTROL.test(raw)) return null;
  // Absolute URLs only: `new URL` without a base throws on relative ones.
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  if (!isPublicDnsName(url.hostname)) return null;
  if (url.href.length > MAX_EXTERNAL_URL_LENGTH) return null;
  return url.href;
}

export function isTrustedExternalUrl(raw: unknown): boolean {
  return trustedExternalUrl(raw) !== null;
}
