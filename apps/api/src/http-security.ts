import { timingSafeEqual } from 'crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { SecuritySettings } from '@hub/config';

/**
 * Response headers for every answer (helmet: the maintained set, rather than a hand-kept list).
 * The console is built to files served from this origin, so scripts come from 'self' only, with no
 * inline script and no eval. Styles allow 'unsafe-inline': Element Plus and the Swagger page set
 * style attributes and blocks; that cannot run code. Letters' images are data: URIs after
 * sanitising; nothing may frame the console (clickjacking), and no page is sent a Referer with a
 * ticket's address in it.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Plain HTTP on a LAN address is how many offices run it; HSTS is for the TLS proxy in front.
    strictTransportSecurity: false,
  });
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * /metrics tells a stranger how many tickets there are and how busy the hub is. With
 * HUB_METRICS_TOKEN it wants that bearer token; without, it answers only a scraper on this machine
 * talking to the API directly (loopback socket, not relayed by a proxy: a proxy on the same host
 * would otherwise make every visitor look local).
 */
export function guardMetrics(settings: SecuritySettings): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/metrics') return next();
    if (settings.metricsToken) {
      const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
      if (m && sameSecret(m[1].trim(), settings.metricsToken)) return next();
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: '/metrics needs the bearer token set in HUB_METRICS_TOKEN' });
      return;
    }
    const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (isLoopback(req.socket.remoteAddress) && !relayed) return next();
    res
      .status(403)
      .json({ statusCode: 403, error: 'Forbidden', message: '/metrics answers this machine only; set HUB_METRICS_TOKEN to scrape it from elsewhere' });
  };
}

/** Express `trust proxy`: only the configured proxies may name the client's address (X-Forwarded-For). */
export function trustProxySetting(settings: SecuritySettings): string[] | false {
  return settings.trustedProxies.length ? settings.trustedProxies : false;
}
