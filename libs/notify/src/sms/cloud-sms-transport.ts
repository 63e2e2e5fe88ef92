import { randomUUID } from 'crypto';
import type { SmsSettings } from '@hub/config';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunSignature } from './aliyun-signature';
import { SmsInboundListener, SmsMessage, SmsRejectedError, SmsSendResult, SmsTransport } from './sms-transport';

type AliyunSettings = Extract<SmsSettings, { kind: 'aliyun' }>;

/** Error codes of SendSms that no retry can fix (the number, the signature or the template is wrong). */
const PERMANENT_CODES =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|SMS_SIGNATURE_ILLEGAL|SMS_TEMPLATE_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|PARAM_LENGTH_LIMIT|INVALID_PARAMETERS|BLACK_KEY_CONTROL_LIMIT|SMS_SIGN_ILLEGAL|DENY_IP_RANGE|OUT_OF_SERVICE|ACCOUNT_NOT_EXISTS|ACCOUNT_ABNORMAL|MOBILE_COUNT_OVER_LIMIT)$/;
// A wrong key or signature is not among them: it is the configuration's fault, and the SMS waits out its retries for the fix.

/**
 * Aliyun's SendSms (dysmsapi, API version 2017-05-25) over HTTPS, signed with the RPC signature
 * V1.0 (HMAC-SHA1, see aliyun-signature.ts). The text goes as the value of the configured
 * template's one variable (`param=`, default `content`); Aliyun adds the SignName itself. Its
 * delivery reports come by its own push channel (SmsReport), not through this transport.
 */
export class CloudSmsTransport implements SmsTransport {
  readonly name = 'aliyun';
  constructor(
    private readonly s: AliyunSettings,
    private readonly opts: { timeoutMs?: number; now?: () => Date } = {},
  ) {}

  onInbound(_listener: SmsInboundListener): void {}

  /** The signed form of one SendSms request (exposed for the tests' signature checks). */
  signedParams(m: SmsMessage): Record<string, string> {
    const params: Record<string, string> = {
      AccessKeyId: this.s.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: String(m.id),
      PhoneNumbers: m.phone,
      RegionId: this.s.regionId,
      SignName: this.s.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.s.templateCode,
      TemplateParam: JSON.stringify({ [this.s.templateParam]: m.text }),
      Timestamp: (this.opts.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    return { ...params, Signature: aliyunSignature('POST', params, this.s.accessKeySecret) };
  }

  async send(m: SmsMessage): Promise<SmsSendResult> {
    const params = this.signedParams(m);
    const body = `${aliyunCanonicalQuery(params)}&Signature=${aliyunPercentEncode(params.Signature)}`;
    const res = await fetch(this.s.endpoint, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json' },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let answer: { Code?: string; Message?: string; BizId?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`Aliyun SendSms: HTTP ${res.status}, not JSON (${text.slice(0, 200)})`);
    }
    if (answer.Code === 'OK' && answer.BizId) return { providerIds: [answer.BizId] };
    const what = `Aliyun SendSms to ${m.phone}: ${answer.Code ?? `HTTP ${res.status}`} ${answer.Message ?? ''}`.trim();
    throw answer.Code && PERMANENT_CODES.test(answer.Code) ? new SmsRejectedError(what) : new Error(what);
  }

  async close(): Promise<void> {}
}
