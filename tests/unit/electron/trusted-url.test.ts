import { describe, expect, it } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, isTrustedExternalUrl, trustedExternalUrl } from '../../../electron/main/trusted-url';

describe('trustedExternalUrl: which links may open in the system browser', () => {
  it.each([
    ['https://example.org/path', 'https://example.org/path'],
    ['https://shailoo.gov.kg/ru/', 'https://shailoo.gov.kg/ru/'],
    ['http://example.org', 'http://example.org/'],
    ['https://Example.ORG:443/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['https://sub.example.org/a%20b', 'https://sub.example.org/a%20b'],
  ])('accepts %s (normalised to %s)', (raw, normalised) => {
    expect(trustedExternalUrl(raw)).toBe(normalised);
    expect(isTrustedExternalUrl(raw)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: disguised with case', 'JaVaScRiPt:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['the app scheme', 'app://precinct-desk/index.html'],
    ['other schemes', 'mailto:someone@example.org'],
    ['custom protocol handlers', 'ms-settings:privacy'],
    ['ftp', 'ftp://example.org/file'],
    ['credentials', 'http://user:pass@host.example.org/'],
    ['a user name only', 'https://user@example.org/'],
    ['a relative URL', '/relative/path'],
    ['a protocol-relative URL', '//example.org/path'],
    ['a bare word', 'example.org'],
    ['an empty string', ''],
    ['overlong', `https://example.org/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`],
    ['an IPv4 literal', 'http://192.168.1.1/admin'],
    ['an IPv6 literal', 'http://[::1]/'],
    ['localhost', 'http://localhost/'],
    ['a single-label host', 'https://intranet/'],
    ['an odd port', 'https://example.org:8443/'],
    ['an IDN (punycode)', 'https://xn--80ak6aa92e.com/'],
    ['an IDN (Unicode, look-alike Cyrillic)', 'https://аррle.com/'],
    ['leading whitespace', ' https://example.org/'],
    ['an embedded newline', 'https://example.org/\nfoo'],
    ['a tab inside the host', 'https://exa\tmple.org/'],
    ['a trailing-dot host', 'https://example.org./'],
  ])('refuses %s', (_what, raw) => {
    expect(trustedExternalUrl(raw)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.org/'], new URL('https://example.org/')]) {
      expect(trustedExternalUrl(value)).toBeNull();
    }
  });

  it('accepts a URL of exactly the maximum length', () => {
    const base = 'https://example.org/';
    const raw = base + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - base.length);
    expect(raw).toHaveLength(MAX_EXTERNAL_URL_LENGTH);
    expect(trustedExternalUrl(raw)).toBe(raw);
  });
});
