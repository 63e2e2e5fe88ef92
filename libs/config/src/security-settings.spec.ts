import { resolve } from 'path';
import { attachmentLinkSecret, loadConfig } from './index';

const shipped = resolve(__dirname, '../../../config');
const load = (env: Record<string, string>) => loadConfig({ HUB_CONFIG_DIR: shipped, ...env });

describe('security and import-limit settings', () => {
  it('listens on 127.0.0.1, trusts no proxy, guards /metrics by address and shows /api/docs outside production by default', () => {
    const { security, importLimits } = load({}).env;
    expect(security).toMatchObject({
      bind: '127.0.0.1',
      trustedProxies: [],
      metricsToken: null,
      apiDocs: true,
      production: false,
      jsonMaxDepth: 32,
      jsonMaxKeys: 2000,
    });
    expect(importLimits).toMatchObject({ xlsxMaxEntryBytes: 200 * 1024 * 1024, xlsxMaxSharedStringsBytes: 100 * 1024 * 1024 });
  });

  it('reads each setting, and hides /api/docs in production unless HUB_API_DOCS=on', () => {
    const cfg = load({
      HUB_BIND: '0.0.0.0',
      HUB_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
      HUB_METRICS_TOKEN: 'a-long-random-token-123',
      HUB_XLSX_MAX_ENTRY_MB: '50',
      NODE_ENV: 'production',
    });
    expect(cfg.env.security).toMatchObject({
      bind: '0.0.0.0',
      trustedProxies: ['loopback', '10.0.0.0/8'],
      metricsToken: 'a-long-random-token-123',
      apiDocs: false,
      production: true,
    });
    expect(cfg.env.importLimits.xlsxMaxEntryBytes).toBe(50 * 1024 * 1024);
    expect(load({ NODE_ENV: 'production', HUB_API_DOCS: 'on' }).env.security.apiDocs).toBe(true);
    expect(load({ HOST: '0.0.0.0' }).env.security.bind).toBe('0.0.0.0');
  });

  it('names each wrong value', () => {
    expect(() => load({ HUB_API_DOCS: 'maybe' })).toThrow(/HUB_API_DOCS must be on or off \(got maybe\)/);
    expect(() => load({ HUB_TRUSTED_PROXIES: 'nginx-box' })).toThrow(/HUB_TRUSTED_PROXIES: nginx-box is not an address, a CIDR range or one of loopback/);
    expect(() => load({ HUB_METRICS_TOKEN: 'short' })).toThrow(/HUB_METRICS_TOKEN must be at least 16 characters/);
    expect(() => load({ HUB_XLSX_MAX_ENTRY_MB: '0' })).toThrow(/HUB_XLSX_MAX_ENTRY_MB must be a whole number from 1/);
  });

  it('makes a link secret outside production, takes the given one, and refuses to sign links in production without one', () => {
    const made = attachmentLinkSecret(load({}).env.security);
    expect(made).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), generated: true });
    expect(attachmentLinkSecret(load({}).env.security).secret).not.toBe(made.secret);
    const given = 'k'.repeat(40);
    expect(attachmentLinkSecret(load({ NODE_ENV: 'production', HUB_LINK_SECRET: given }).env.security)).toEqual({ secret: given, generated: false });
    expect(() => attachmentLinkSecret(load({ NODE_ENV: 'production' }).env.security)).toThrow(/HUB_LINK_SECRET must be set when NODE_ENV=production/);
    expect(() => load({ HUB_LINK_SECRET: 'short' })).toThrow(/HUB_LINK_SECRET must be at least 32 characters/);
  });
});
