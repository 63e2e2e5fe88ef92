/** An attachment link carries the session token in its query string (access_token=…): never into the log. */
export function maskAccessToken(url: string | undefined): string | undefined {
  return url?.replace(/([?&]access_token=)[^&#]*/gi, '$1[Redacted]');
}

/** What the request log leaves out: credentials in headers and in attachment links. */
export const REQUEST_LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token'];

export function requestLogSerializer<T extends { url?: string }>(req: T): T {
  req.url = maskAccessToken(req.url);
  return req;
}
