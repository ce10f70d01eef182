import { describe, expect, it } from 'vitest';
import { allowedHosts, newToken, tokenMatches, urlHost } from './access.ts';
import { resolveStaticPath } from './static-files.ts';

describe('newToken', () => {
  it('gives 32 base64url characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('tokenMatches', () => {
  it('accepts only the exact token', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
  });
});

describe('allowedHosts', () => {
  it('names the bound address, localhost and 127.0.0.1 with the port', () => {
    const hosts = allowedHosts('127.0.0.1', 5178);
    expect(hosts.has('127.0.0.1:5178')).toBe(true);
    expect(hosts.has('localhost:5178')).toBe(true);
    expect(hosts.has('[::1]:5178')).toBe(true);
    expect(hosts.has('localhost:5179')).toBe(false);
    expect(hosts.has('evil.example:5178')).toBe(false);
  });

  it('brackets IPv6 addresses and adds interfaces for a wildcard bind', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(allowedHosts('::1', 80).has('[::1]:80')).toBe(true);
    expect(allowedHosts('0.0.0.0', 80).has('127.0.0.1:80')).toBe(true);
    expect(allowedHosts('0.0.0.0', 80).has('0.0.0.0:80')).toBe(true);
  });
});

describe('resolveStaticPath', () => {
  const root = '/srv/renderer';

  it('maps / to index.html and other paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(
      '/srv/renderer/assets/a b.js',
    );
  });

  it('refuses paths that leave the root or are malformed', () => {
    for (const path of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/a/../../etc/passwd',
      '/..%5cetc',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });
});
