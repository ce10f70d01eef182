import { randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { IncomingMessage } from 'node:http';

// Who may talk to the browser-mode server: a request must name this server
// in its Host header (against DNS rebinding) and carry the token, either in
// the URL of the first page load or in the cookie set from it. WebSocket
// upgrades must also come from a page of this very origin.

/** A fresh secret token: 24 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** True when `candidate` equals `token`, compared in constant time. */
export function tokenMatches(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `host` as it appears in a URL (IPv6 addresses in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** True for an address that listens on every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** The Host header values that name this server. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = [host, 'localhost', '127.0.0.1', '::1'];

  // Bound to every interface, the server is reached by the machine's own
  // addresses; a rebinding attack would arrive under a DNS name instead.
  if (isWildcard(host)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) names.push(entry.address);
    }
  }
  return new Set(names.map((name) => `${urlHost(name)}:${port}`.toLowerCase()));
}

/** Reads one cookie from a request, or null. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      return part.slice(index + 1).trim();
    }
  }
  return null;
}

/** Why a request is refused, as an HTTP status and a sentence. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** The checks one server applies, bound to its token, host and port. */
export class AccessGuard {
  /** The cookie that keeps the token after the first page load. */
  readonly cookieName: string;
  private readonly hosts: Set<string>;

  constructor(
    readonly token: string,
    host: string,
    readonly port: number,
  ) {
    // Cookies ignore ports, so each server on this machine names its own.
    this.cookieName = `mlp-lab-${port}`;
    this.hosts = allowedHosts(host, port);
  }

  /** Refuses a Host header that does not name this server. */
  checkHost(req: IncomingMessage): Refusal | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (this.hosts.has(host)) return null;
    return { status: 403, message: `Host "${host}" is not this server` };
  }

  /** Refuses a WebSocket upgrade from any origin but this server's own. */
  checkOrigin(req: IncomingMessage): Refusal | null {
    const origin = req.headers.origin;
    const own = `http://${(req.headers.host ?? '').toLowerCase()}`;
    if (origin && origin.toLowerCase() === own) return null;
    return {
      status: 403,
      message: `Origin "${origin ?? ''}" may not connect to this server`,
    };
  }

  /** Refuses a request carrying neither the token nor its cookie. */
  checkToken(req: IncomingMessage, url: URL): Refusal | null {
    if (tokenMatches(url.searchParams.get('token'), this.token)) return null;
    if (tokenMatches(readCookie(req, this.cookieName), this.token)) {
      return null;
    }
    return {
      status: 401,
      message:
        'This MLP Lab server needs its token: open the full URL that ' +
        '`mlp-lab serve` printed (it ends in ?token=…).',
    };
  }

  /** The Set-Cookie value that keeps the token for later requests. */
  cookie(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }
}
