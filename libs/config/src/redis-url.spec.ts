import { parseRedisUrl, redactRedisUrl } from './redis-url';

function parse(url: string) {
  const problems: string[] = [];
  return { topology: parseRedisUrl(url, problems), problems };
}

describe('REDIS_URL', () => {
  it('reads one node as it is', () => {
    expect(parse('redis://:secret@10.0.0.5:6380/2')).toEqual({
      topology: { kind: 'single', url: 'redis://:secret@10.0.0.5:6380/2', tls: false },
      problems: [],
    });
    expect(parse('rediss://cache.example:6380').topology).toMatchObject({ kind: 'single', tls: true });
  });

  it('reads a Sentinel group: sentinels, master name, password, database, sentinel password', () => {
    expect(parse('redis+sentinel://:pw@10.0.0.1:26379,10.0.0.2,[::1]:26380/mymaster?db=3&sentinelPassword=spw')).toEqual({
      topology: {
        kind: 'sentinel',
        sentinels: [
          { host: '10.0.0.1', port: 26379 },
          { host: '10.0.0.2', port: 26379 },
          { host: '::1', port: 26380 },
        ],
        masterName: 'mymaster',
        db: 3,
        sentinelPassword: 'spw',
        password: 'pw',
        username: undefined,
        tls: false,
      },
      problems: [],
    });
  });

  it('reads a Cluster: seed nodes, user and password, TLS', () => {
    expect(parse('rediss+cluster://hub:pw@h1:7000,h2:7001').topology).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
      ],
      username: 'hub',
      password: 'pw',
      tls: true,
    });
  });

  it('names the setting and the expected shapes when the URL is wrong, without showing passwords', () => {
    expect(parse('localhost:6379').problems[0]).toMatch(/^REDIS_URL must start with redis:\/\/, rediss:\/\/, redis\+sentinel:\/\/ or redis\+cluster:\/\//);
    expect(parse('redis+sentinel://:pw@h1:26379').problems).toEqual([
      'REDIS_URL: name the Sentinel master group, e.g. redis+sentinel://host:26379,host:26380/mymaster',
    ]);
    expect(parse('redis+cluster://h1:70000').problems).toEqual(['REDIS_URL: "h1:70000" is not host:port']);
    expect(parse('redis+cluster://h1:7000/0').problems[0]).toMatch(/a Cluster has no database number/);
    expect(redactRedisUrl('redis+sentinel://:pw@h:26379/m?sentinelPassword=spw')).toBe('redis+sentinel://***@h:26379/m?sentinelPassword=***');
  });
});
