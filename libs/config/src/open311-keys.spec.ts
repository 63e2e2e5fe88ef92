import { parseOpen311Keys } from './open311-keys';

describe('HUB_OPEN311_KEYS', () => {
  it('reads key=client name pairs', () => {
    const problems: string[] = [];
    expect([...parseOpen311Keys('civic-app-key-0123456789=随手拍, other.key_0123456789~=FixMyStreet 青禾', problems)]).toEqual([
      ['civic-app-key-0123456789', '随手拍'],
      ['other.key_0123456789~', 'FixMyStreet 青禾'],
    ]);
    expect(problems).toEqual([]);
    expect(parseOpen311Keys(undefined, problems).size).toBe(0);
  });

  it('names the setting for a short key or a pair without a name, and does not echo the key', () => {
    const problems: string[] = [];
    parseOpen311Keys('short=App,civic-app-key-0123456789', problems);
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.startsWith('HUB_OPEN311_KEYS must be key=client name pairs'))).toBe(true);
    expect(problems.join()).not.toContain('civic-app-key-0123456789');
  });
});
