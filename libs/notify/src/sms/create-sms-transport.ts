import { join } from 'path';
import type { HubConfig } from '@hub/config';
import { CloudSmsTransport } from './cloud-sms-transport';
import { FolderSmsTransport } from './folder-sms-transport';
import { SmppTransport } from './smpp-transport';
import type { SmsTransport } from './sms-transport';

/** The transport SMS_URL names; without it, HUB_DATA_DIR/outbox-sms/. */
export function createSmsTransport(config: HubConfig, log: (msg: string) => void): SmsTransport {
  const s = config.env.sms;
  if (!s) return new FolderSmsTransport(join(config.env.dataDir, 'outbox-sms'), log);
  if (s.kind === 'smpp') return new SmppTransport(s, { log });
  return new CloudSmsTransport(s);
}
