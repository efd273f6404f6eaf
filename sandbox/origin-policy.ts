/**
 * Who may talk to the sandbox from a browser, and where it may listen.
 *
 * The development token is public (it is in the README and the source) and the sandbox listens on
 * 127.0.0.1, which every website a developer visits can reach from their browser. An open CORS
 * policy would let any such site read and write sandbox data. So cross-origin access is limited to:
 * - the sandbox's own origin (its demo page; loopback aliases of it);
 * - browser extensions (`chrome-extension://…`, `moz-extension://…`: the dev extension's service
 *   worker calls the sandbox from its own origin);
 * - origins listed explicitly (`--allow-origin`, `SandboxOptions.allowOrigins`).
 * Any other Origin gets no `Access-Control-Allow-*` headers (so the browser hides the response),
 * and its preflights, non-simple requests and writes are refused outright.
 * The Host header must name the sandbox (`createHostPolicy`), which defeats DNS rebinding: a site
 * whose name resolves to 127.0.0.1 would otherwise count as the sandbox's own origin.
 */
import { networkInterfaces } from 'node:os';

/** A sandbox configuration the server refuses to start with (bad `--allow-origin`/`--allow-host`, public token on a LAN). */
export class SandboxConfigError extends Error {
  constructor(
    /** The option at fault, e.g. `allowOrigins` or `token`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Browser extension origins (the dev extension's MV3 service worker, Firefox's background script). */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]+$/;

/** Hosts that are only reachable from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/** `0.0.0.0` / `::`: listening on every interface. */
function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === '0.0.0.0' || bare === '::' || bare === '';
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The exact origin (`scheme://host[:port]`) for an `--allow-origin` value.
 * @throws SandboxConfigError naming `allowOrigins` for anything that is not a bare http(s) origin.
 */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SandboxConfigError('allowOrigins', `--allow-origin ${JSON.stringify(value)} is not an origin (expected e.g. http://localhost:3000)`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare || url.origin === 'null') {
    throw new SandboxConfigError('allowOrigins', `--allow-origin ${JSON.stringify(value)} must be a bare http(s) origin such as https://app.example.com:8443 (no path, query or credentials)`);
  }
  return url.origin;
}

/** The origins the sandbox's own pages have when it listens on `host:port`. */
export function selfOrigins(host: string, port: number): string[] {
  const hosts = new Set<string>(['127.0.0.1', 'localhost', '[::1]']);
  if (isWildcardHost(host)) {
    // Reached through any interface: the demo page's origin is whichever address the browser used.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) {
        hosts.add(hostForUrl(address.address.split('%')[0] ?? address.address));
      }
    }
  } else {
    hosts.add(hostForUrl(host));
  }
  return [...hosts].map((h) => new URL(`http://${h}:${port}`).origin);
}

/** A Host header value split into a lower-case name (IPv6 in brackets) and a port (null when absent). */
interface HostAndPort {
  name: string;
  port: number | null;
}

/** `name[:port]` as RFC 9110 §7.2 allows in Host (reg-name, IPv4 or bracketed IPv6); null for anything else. */
function parseHostAndPort(value: string): HostAndPort | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) {
    return null;
  }
  const port = match[2] === undefined ? null : Number(match[2]);
  return port !== null && port > 65_535 ? null : { name: match[1].toLowerCase(), port };
}

/** An `--allow-host` value, parsed. @throws SandboxConfigError naming `allowHosts` for anything but a bare host. */
function parseAllowHost(value: string): HostAndPort {
  const parsed = parseHostAndPort(value);
  if (!parsed) {
    throw new SandboxConfigError('allowHosts', `--allow-host ${JSON.stringify(value)} must be a host name or address, optionally with a port (e.g. crm.test or crm.test:8080; IPv6 in brackets)`);
  }
  return parsed;
}

/**
 * The canonical form of an `--allow-host` value: `name` (any port) or `name:port`, lower case.
 * @throws SandboxConfigError naming `allowHosts` for anything that is not a bare host name or address.
 */
export function normalizeAllowHost(value: string): string {
  const parsed = parseAllowHost(value);
  return parsed.port === null ? parsed.name : `${parsed.name}:${parsed.port}`;
}

export interface HostPolicy {
  /** Whether the sandbox answers a request with this Host header (absent: an HTTP/1.0 client, allowed). */
  allows(hostHeader: string | undefined): boolean;
}

/**
 * The Host header allow-list against DNS rebinding: a website whose name is made to resolve to
 * 127.0.0.1 becomes "same origin" with the sandbox in the browser, CORS and all, but its requests
 * still name it in Host. So the sandbox answers only to the names it is reached by: the loopback
 * names with its port, the bound host (every interface address when bound to all of them), and each
 * `allowHosts` entry (without a port: that name on any port, e.g. behind a reverse proxy).
 */
export function createHostPolicy(options: { host: string; port: number; allowHosts?: readonly string[] }): HostPolicy {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  const names = ['127.0.0.1', 'localhost', '[::1]', hostForUrl(options.host).toLowerCase()];
  if (isWildcardHost(options.host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) {
        names.push(hostForUrl(address.address.split('%')[0] ?? address.address).toLowerCase());
      }
    }
  }
  for (const name of names) {
    exact.add(`${name}:${options.port}`);
  }
  for (const entry of options.allowHosts ?? []) {
    const parsed = parseAllowHost(entry);
    if (parsed.port === null) {
      anyPort.add(parsed.name);
    } else {
      exact.add(`${parsed.name}:${parsed.port}`);
    }
  }
  return {
    allows(hostHeader) {
      if (hostHeader === undefined) {
        return true;
      }
      const parsed = parseHostAndPort(hostHeader);
      if (!parsed) {
        return false;
      }
      // No port in Host means the scheme's default (RFC 9110 §7.2): 80 for http.
      return anyPort.has(parsed.name) || exact.has(`${parsed.name}:${parsed.port ?? 80}`);
    },
  };
}

/** How a request's Origin header is treated. */
export type OriginVerdict = 'same-or-none' | 'allowed' | 'denied';

export interface OriginPolicy {
  /** `same-or-none`: no Origin header or the sandbox's own origin; `allowed`: extension or listed; `denied`: any other site. */
  classify(origin: string | undefined): OriginVerdict;
}

/** The policy for a sandbox listening on `host:port` with extra `allowOrigins`. */
export function createOriginPolicy(options: { host: string; port: number; allowOrigins?: readonly string[] }): OriginPolicy {
  const own = new Set(selfOrigins(options.host, options.port));
  const listed = new Set((options.allowOrigins ?? []).map(normalizeOrigin));
  return {
    classify(origin) {
      if (origin === undefined || own.has(origin)) {
        return 'same-or-none';
      }
      return EXTENSION_ORIGIN.test(origin) || listed.has(origin) ? 'allowed' : 'denied';
    },
  };
}

const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Whether a browser could have sent this request without a CORS preflight (Fetch standard "CORS
 * non-wildcard request-header names" / safelisted headers, as far as a server can tell): GET, HEAD or
 * POST; no credentials header; a form/text content type; no custom (`x-…`, `sforce-…`) headers.
 */
export function isSimpleRequest(method: string, headers: Record<string, string | undefined>): boolean {
  if (!['GET', 'HEAD', 'POST'].includes(method)) {
    return false;
  }
  if (headers.authorization !== undefined) {
    return false;
  }
  const contentType = headers['content-type'];
  if (contentType !== undefined && !SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0]?.trim().toLowerCase() ?? '')) {
    return false;
  }
  return !Object.keys(headers).some((name) => name.startsWith('x-') || name.startsWith('sforce-'));
}

/**
 * Whether a request from a `denied` origin is refused before it is handled: every preflight, every
 * non-simple request and every write (a simple cross-site POST is a CSRF: it would reach
 * `/__sandbox/faults` or `/services/oauth2/revoke` without a preflight). A simple GET/HEAD is served
 * without CORS headers, so the browser keeps the response from the foreign page.
 */
export function refusesCrossOrigin(method: string, headers: Record<string, string | undefined>): boolean {
  return method === 'OPTIONS' || !(method === 'GET' || method === 'HEAD') || !isSimpleRequest(method, headers);
}

/**
 * The development token is public: anyone who can reach the port could use it. Listening beyond
 * loopback therefore needs a private token (`SANDBOX_TOKEN`).
 * @throws SandboxConfigError naming `token`.
 */
export function assertTokenSafeForHost(host: string, token: string, publicToken: string): void {
  if (!isLoopbackHost(host) && token === publicToken) {
    throw new SandboxConfigError(
      'token',
      `refusing to listen on ${host} with the public development token: anyone on the network could read and write the sandbox. Set SANDBOX_TOKEN to a secret, or listen on 127.0.0.1`,
    );
  }
}
