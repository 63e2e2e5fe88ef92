import { createHmac } from 'crypto';

/**
 * Aliyun's RPC request signature, version 1.0 (HMAC-SHA1), as its "签名机制" page for RPC APIs
 * (SMS: "Signature method", help.aliyun.com / alibabacloud.com/help/en/sms/signature-method) gives it:
 * 1. sort every request parameter except Signature by name;
 * 2. percent-encode name and value with RFC 3986 rules (UTF-8; space as %20, `*` as %2A, `~` kept)
 *    and join them as name=value with &: the canonicalized query string;
 * 3. StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalized query);
 * 4. Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).
 */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
    .join('&');
}

export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
