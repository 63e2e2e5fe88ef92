/**
 * SMS_URL: which SMS gateway the hub sends through.
 * - `smpp://system_id:password@host:2775?source=12345` (or `ssmpp://` over TLS): an SMPP 3.4 SMSC
 *   (the carriers' and government SMS platforms); optional `system_type=`, `window=` (PDUs in flight),
 *   `sign=` (the 【签名】 carriers require at the start of a text, when the SMSC does not add it).
 * - `aliyun://AccessKeyId:AccessKeySecret@dysmsapi.aliyuncs.com?sign=青禾12345&template=SMS_123`:
 *   Aliyun's SendSms; optional `param=` (the template's variable, default `content`), `region=`,
 *   `protocol=http` (a local test server).
 * - unset: messages are written to HUB_DATA_DIR/outbox-sms/ (and the log).
 */
export type SmsSettings =
  | {
      kind: 'smpp';
      host: string;
      port: number;
      tls: boolean;
      systemId: string;
      password: string;
      systemType: string;
      source: string;
      window: number;
      sign: string;
    }
  | {
      kind: 'aliyun';
      endpoint: string;
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      templateParam: string;
      regionId: string;
    };

/** The URL with its password hidden, for messages. */
export function maskSmsUrl(raw: string): string {
  return raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export function parseSmsUrl(raw: string | undefined, problems: string[]): SmsSettings | null {
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    problems.push(`SMS_URL: not a valid URL (${maskSmsUrl(raw)})`);
    return null;
  }
  const q = u.searchParams;
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  if (u.protocol === 'smpp:' || u.protocol === 'ssmpp:') {
    if (!user || !pass) problems.push('SMS_URL: an SMPP gateway needs its system_id and password, e.g. smpp://hub:secret@127.0.0.1:2775?source=12345');
    const source = q.get('source') ?? '';
    if (!/^\d{1,20}$/.test(source)) problems.push(`SMS_URL: source= must be the sending number the SMSC gave you, digits only (got ${source || 'nothing'})`);
    const window = Number(q.get('window') ?? 10);
    if (!Number.isInteger(window) || window < 1 || window > 100)
      problems.push(`SMS_URL: window= must be a whole number from 1 to 100 (got ${q.get('window')})`);
    return {
      kind: 'smpp',
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'ssmpp:' ? 3550 : 2775)),
      tls: u.protocol === 'ssmpp:',
      systemId: user,
      password: pass,
      systemType: q.get('system_type') ?? '',
      source,
      window,
      sign: q.get('sign') ?? '',
    };
  }
  if (u.protocol === 'aliyun:') {
    if (!user || !pass)
      problems.push('SMS_URL: Aliyun needs the AccessKey ID and secret, e.g. aliyun://LTAI...:secret@dysmsapi.aliyuncs.com?sign=…&template=SMS_…');
    const signName = q.get('sign') ?? '';
    const templateCode = q.get('template') ?? '';
    if (!signName) problems.push('SMS_URL: sign= (the SMS signature approved by Aliyun, e.g. 青禾12345) is missing');
    if (!templateCode) problems.push('SMS_URL: template= (the approved template code, e.g. SMS_123456789) is missing');
    const protocol = q.get('protocol') ?? 'https';
    if (protocol !== 'https' && protocol !== 'http') problems.push(`SMS_URL: protocol= must be https or http (got ${protocol})`);
    return {
      kind: 'aliyun',
      endpoint: `${protocol}://${u.host}/`,
      accessKeyId: user,
      accessKeySecret: pass,
      signName,
      templateCode,
      templateParam: q.get('param') ?? 'content',
      regionId: q.get('region') ?? 'cn-hangzhou',
    };
  }
  problems.push(`SMS_URL must start with smpp://, ssmpp:// or aliyun:// (got ${maskSmsUrl(raw)})`);
  return null;
}
