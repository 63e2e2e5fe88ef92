import { createHmac } from 'crypto';
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import { loadConfig, SmsSettings } from '@hub/config';
import { CloudSmsTransport, SmsRejectedError } from '@hub/notify';

/**
 * A local stand-in for dysmsapi.aliyuncs.com that checks each SendSms request's signature the way
 * Aliyun's documentation describes it, written here independently of the hub's signer.
 */
function expectedSignature(method: string, params: URLSearchParams, secret: string): string {
  const enc = (s: string) =>
    encodeURIComponent(s)
      .replace(/\+/g, '%20')
      .replace(/\*/g, '%2A')
      .replace(/%7E/g, '~')
      .replace(/!/g, '%21')
      .replace(/'/g, '%27')
      .replace(/\(/g, '%28')
      .replace(/\)/g, '%29');
  const canonical = [...params.entries()]
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`${method}&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
}

describe('SMS through Aliyun SendSms, against a local server that checks the signature', () => {
  let server: Server;
  let port: number;
  const received: URLSearchParams[] = [];
  const nonces = new Set<string>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const params = new URLSearchParams(body);
        const answer = (o: object) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(o));
        if (params.get('AccessKeyId') !== 'LTAItestkey' || params.get('Signature') !== expectedSignature(req.method!, params, 'test-secret-value')) {
          return answer({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'r0' });
        }
        if (nonces.has(params.get('SignatureNonce')!)) return answer({ Code: 'SignatureNonceUsed', Message: 'nonce used', RequestId: 'r1' });
        nonces.add(params.get('SignatureNonce')!);
        if (!/^1\d{10}$/.test(params.get('PhoneNumbers') ?? '')) return answer({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r2' });
        received.push(params);
        answer({ Code: 'OK', Message: 'OK', BizId: `biz-${received.length}`, RequestId: `r${received.length + 2}` });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const transport = (secret = 'test-secret-value') => {
    const env = loadConfig({
      ...process.env,
      SMS_URL: `aliyun://LTAItestkey:${secret}@127.0.0.1:${port}?sign=青禾12345&template=SMS_2026001&protocol=http`,
    }).env;
    return new CloudSmsTransport(env.sms as Extract<SmsSettings, { kind: 'aliyun' }>);
  };

  it('sends the text as the template variable, signed as documented, and keeps the BizId for the receipts', async () => {
    const text = '您的诉求已受理，工单号QH20260302-000018，查询码K7P2Q9，可凭此查询办理进度。';
    expect(await transport().send({ id: 18, phone: '13800138000', text, attempt: 1 })).toEqual({ providerIds: ['biz-1'] });
    const p = received[0];
    expect(Object.fromEntries([...p.entries()].filter(([k]) => !['Signature', 'SignatureNonce', 'Timestamp'].includes(k)))).toEqual({
      AccessKeyId: 'LTAItestkey',
      Action: 'SendSms',
      Format: 'JSON',
      OutId: '18',
      PhoneNumbers: '13800138000',
      RegionId: 'cn-hangzhou',
      SignName: '青禾12345',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_2026001',
      TemplateParam: JSON.stringify({ content: text }),
      Version: '2017-05-25',
    });
    expect(p.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('a wrong secret is refused by the signature check (retried: it may be a key being rotated)', async () => {
    const refused = transport('wrong-secret').send({ id: 19, phone: '13800138000', text: '测试', attempt: 1 });
    await expect(refused).rejects.toThrow(/SignatureDoesNotMatch/);
    await expect(refused).rejects.not.toBeInstanceOf(SmsRejectedError);
  });

  it('a number the platform calls illegal fails for good, without retries', async () => {
    await expect(transport().send({ id: 20, phone: '12345', text: '测试', attempt: 1 })).rejects.toBeInstanceOf(SmsRejectedError);
  });
});
