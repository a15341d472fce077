import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The browser-mode host's guard: a per-launch token, a loopback Host header and a same-origin check. */

/**
 * The token cookie's name, one per port: cookies are not port-scoped, so two instances on 127.0.0.1 would otherwise
 * overwrite each other's cookie and lock the first tab out.
 */
export const tokenCookieName = (port: number): string => `oss_live_token_${port}`;

export const newToken = (): string => randomBytes(24).toString('base64url');

function sameToken(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: `?token=` in the URL, or the cookie set when the page was first opened with it. */
export function requestToken(url: URL, cookieHeader: string | undefined, port: number): { fromQuery?: string; fromCookie?: string } {
  const fromQuery = url.searchParams.get('token') ?? undefined;
  const fromCookie = cookieHeader
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === tokenCookieName(port))?.[1];
  return { ...(fromQuery ? { fromQuery } : {}), ...(fromCookie ? { fromCookie } : {}) };
}

export function hasValidToken(carried: { fromQuery?: string; fromCookie?: string }, token: string): boolean {
  return sameToken(carried.fromQuery, token) || sameToken(carried.fromCookie, token);
}

/** Loopback names this host answers to; anything else in `Host` is a DNS-rebinding attempt. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades: it must be this host, never another site. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || allowedOrigins(port).includes(origin);
}

export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
