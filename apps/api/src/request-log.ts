/**
 * Credentials a URL may carry: a signed attachment link's signature (usable until it expires),
 * and a session token someone put in a query string (refused, but still never logged).
 */
export function maskAccessToken(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:access_token|signature)=)[^&#]*/gi, '$1[Redacted]');
}

/** What the request log leaves out: credentials in headers and in URLs. */
export const REQUEST_LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token', 'req.query.signature'];

export function requestLogSerializer<T extends { url?: string }>(req: T): T {
  req.url = maskAccessToken(req.url);
  return req;
}
