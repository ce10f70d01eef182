// The Content-Security-Policy every host serves the renderer with. The
// renderer's index.html carries the same policy in a meta tag (without
// frame-ancestors, which only a header can set), so file:// loads get it too.

/** Options for the policy; each host may allow one extra connect source. */
export interface CspOptions {
  /** Sources the page may open connections to besides its own origin. */
  connectSources?: string[];
}

/** The renderer's Content-Security-Policy header value. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Chart.js and Svelte set style attributes at run time; no script runs.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
