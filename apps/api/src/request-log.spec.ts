import pino from 'pino';
import { maskAccessToken, REQUEST_LOG_REDACT, requestLogSerializer } from './request-log';

describe('the request log', () => {
  it('never writes the session token of an attachment link', () => {
    expect(maskAccessToken('/api/tickets/5/attachments/2?access_token=Abc-123_x&download=1')).toBe(
      '/api/tickets/5/attachments/2?access_token=[Redacted]&download=1',
    );
    const lines: string[] = [];
    const log = pino({ redact: REQUEST_LOG_REDACT, serializers: { req: requestLogSerializer } }, { write: (l: string) => lines.push(l) });
    log.info(
      { req: { url: '/api/tickets/5/attachments/2?access_token=SECRET1', query: { access_token: 'SECRET1' }, headers: { authorization: 'Bearer SECRET2' } } },
      'done',
    );
    expect(lines.join('')).not.toMatch(/SECRET/);
    expect(lines.join('')).toContain('/api/tickets/5/attachments/2?access_token=[Redacted]');
  });

  it('never writes the signature of a signed attachment link', () => {
    expect(maskAccessToken('/api/attachments/2?expires=1767225600&masked=0&signature=abcDEF_-123')).toBe(
      '/api/attachments/2?expires=1767225600&masked=0&signature=[Redacted]',
    );
  });
});
