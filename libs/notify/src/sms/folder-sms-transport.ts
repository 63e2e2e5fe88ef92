import { mkdir, writeFile } from 'fs/promises';
import { join } from 'path';
import { splitSms } from './sms-segments';
import { SmsInboundListener, SmsMessage, SmsSendResult, SmsTransport } from './sms-transport';

/** Without SMS_URL: each SMS is written as a file (and logged), so nothing is silently lost. */
export class FolderSmsTransport implements SmsTransport {
  readonly name = 'folder';
  constructor(
    private readonly dir: string,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  onInbound(_listener: SmsInboundListener): void {}

  async send(m: SmsMessage): Promise<SmsSendResult> {
    await mkdir(this.dir, { recursive: true });
    const parts = splitSms(m.text);
    const file = join(this.dir, `sms-${m.id}-${m.phone.replace(/\D/g, '')}.txt`);
    await writeFile(file, `To: ${m.phone}\nSegments: ${parts.length}\n\n${m.text}\n`, 'utf8');
    this.log(`SMS to ${m.phone} (${parts.length} segment(s); no SMS_URL: written to ${this.dir})`);
    return { providerIds: parts.map((_, i) => `folder-${m.id}-${m.attempt}-${i + 1}`) };
  }

  async close(): Promise<void> {}
}
