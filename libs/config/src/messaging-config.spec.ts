import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ConfigError, loadConfig, webhookWants } from './index';

const shipped = resolve(__dirname, '../../../config');

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubcfg-msg-'));
  cpSync(shipped, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('SMS_URL', () => {
  it('writes messages to a folder when SMS_URL is unset', () => {
    expect(loadConfig({ HUB_CONFIG_DIR: shipped }).env.sms).toBeNull();
  });

  it('reads an SMPP gateway with its system id, password and sending number', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: shipped, SMS_URL: 'smpp://hub:s%40cret@127.0.0.1:2775?source=12345' });
    expect(cfg.env.sms).toEqual({
      kind: 'smpp',
      host: '127.0.0.1',
      port: 2775,
      tls: false,
      systemId: 'hub',
      password: 's@cret',
      systemType: '',
      source: '12345',
      window: 10,
      sign: '',
    });
  });

  it('reads an Aliyun gateway with its signature and template', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: shipped, SMS_URL: 'aliyun://LTAIkey:secret@dysmsapi.aliyuncs.com?sign=青禾12345&template=SMS_1' });
    expect(cfg.env.sms).toMatchObject({
      kind: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      accessKeyId: 'LTAIkey',
      accessKeySecret: 'secret',
      signName: '青禾12345',
      templateCode: 'SMS_1',
      templateParam: 'content',
      regionId: 'cn-hangzhou',
    });
  });

  it('stops start-up naming SMS_URL, without printing the password', () => {
    const message = problemsOf({ HUB_CONFIG_DIR: shipped, SMS_URL: 'sms://hub:topsecret@gw' });
    expect(message).toMatch(/SMS_URL must start with smpp:\/\/, ssmpp:\/\/ or aliyun:\/\//);
    expect(message).not.toMatch(/topsecret/);
    expect(problemsOf({ HUB_CONFIG_DIR: shipped, SMS_URL: 'smpp://127.0.0.1:2775' })).toMatch(/SMS_URL: an SMPP gateway needs its system_id and password/);
    expect(problemsOf({ HUB_CONFIG_DIR: shipped, SMS_URL: 'aliyun://k:s@dysmsapi.aliyuncs.com?template=SMS_1' })).toMatch(/SMS_URL: sign=/);
  });
});

describe('webhooks.yaml', () => {
  it('means no webhooks when it lists none (the shipped file) or is absent', () => {
    expect(loadConfig({ HUB_CONFIG_DIR: shipped }).webhooks.webhooks).toEqual([]);
  });

  it('reads endpoints with their events, the secret from the environment', () => {
    const dir = dirWith({
      'webhooks.yaml':
        'webhooks:\n  - { name: province, url: "https://p.example/hook", secret: "${HOOK_SECRET}", events: [dispatch, close] }\n' +
        '  - { name: board, url: "http://127.0.0.1:9/x", secret: "0123456789abcdef", events: all }\n',
    });
    const cfg = loadConfig({ HUB_CONFIG_DIR: dir, HOOK_SECRET: 'a-long-enough-secret' });
    expect(cfg.webhooks.webhooks.map((w) => [w.name, w.secret, w.events])).toEqual([
      ['province', 'a-long-enough-secret', ['dispatch', 'close']],
      ['board', '0123456789abcdef', 'all'],
    ]);
    expect(webhookWants(cfg.webhooks.webhooks[0], 'dispatch')).toBe(true);
    expect(webhookWants(cfg.webhooks.webhooks[0], 'acknowledge')).toBe(false);
    expect(webhookWants(cfg.webhooks.webhooks[1], 'acknowledge')).toBe(true);
  });

  it('names a wrong url and events value', () => {
    const dir = dirWith({ 'webhooks.yaml': 'webhooks:\n  - { name: a, url: "ftp://x", secret: "0123456789abcdef", events: some }\n' });
    const message = problemsOf({ HUB_CONFIG_DIR: dir });
    expect(message).toMatch(/webhooks.yaml: webhooks\[0\]\.url/);
    expect(message).toMatch(/webhooks.yaml: webhooks\[0\]\.events: must be a list of event types, or all/);
  });

  it('names a twice-listed endpoint and a short secret, without echoing the secret', () => {
    const dir = dirWith({
      'webhooks.yaml':
        'webhooks:\n  - { name: b, url: "https://x.example", secret: "short1" }\n  - { name: b, url: "https://y.example", secret: "0123456789abcdef" }\n',
    });
    const message = problemsOf({ HUB_CONFIG_DIR: dir });
    expect(message).toMatch(/webhook b is listed twice/);
    expect(message).toMatch(/webhook b: secret must be at least 16 characters/);
    expect(message).not.toMatch(/short1/);
  });
});

describe('units.yaml liaison officers', () => {
  it('gives the demo units a liaison officer with a mobile number', () => {
    const unit = loadConfig({ HUB_CONFIG_DIR: shipped }).units.units.find((u) => u.name === '东湖区城市管理局');
    expect(unit?.liaison).toEqual({ name: '陈建国', phone: '13900000102' });
  });

  it('refuses a liaison phone that is not a mobile number', () => {
    const dir = dirWith({ 'units.yaml': 'units:\n  - { name: 市住房和城乡建设局, email: a@b.example, liaison: { name: 王, phone: "010-1234" } }\n' });
    expect(problemsOf({ HUB_CONFIG_DIR: dir })).toMatch(/units.yaml: units\[0\]\.liaison\.phone: must be a mobile number/);
  });
});
