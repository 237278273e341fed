import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';
import { parseCsp } from './parse-csp';

describe('the Content-Security-Policy of app:// responses', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['worker-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    // No network host: the sync center is reached through the main process's gate (center-gate.ts).
    ['connect-src', ["'self'", 'data:', 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });

  it('has no other directives', () => {
    expect([...csp.keys()].sort()).toEqual(
      ['base-uri', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-ancestors', 'img-src', 'object-src', 'script-src', 'style-src', 'worker-src'].sort(),
    );
  });

  it('the page itself reaches no host (issue 15): neither https: nor any address', () => {
    for (const source of csp.get('connect-src') ?? []) expect(source).not.toMatch(/^(https?:|wss?:|\*)/u);
  });

  it('never allows eval, inline script or wildcard sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/u);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    for (const sources of csp.values()) {
      expect(sources).not.toContain('*');
      expect(sources).not.toContain('http:');
    }
  });
});
