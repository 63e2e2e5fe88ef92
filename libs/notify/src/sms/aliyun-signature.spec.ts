import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunSignature } from './aliyun-signature';

describe('Aliyun RPC signature V1.0', () => {
  it('percent-encodes as RFC 3986 (space %20, * %2A, ~ kept) in UTF-8', () => {
    expect(aliyunPercentEncode('a b*c~d/青')).toBe('a%20b%2Ac~d%2F%E9%9D%92');
    expect(aliyunPercentEncode("!'()")).toBe('%21%27%28%29');
  });

  it('signs the sorted, encoded query with HMAC-SHA1 keyed by the secret and "&"', () => {
    // The worked example of Aliyun's signature page (DescribeRegions, secret "testsecret").
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunCanonicalQuery(params).startsWith('AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1')).toBe(true);
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});
