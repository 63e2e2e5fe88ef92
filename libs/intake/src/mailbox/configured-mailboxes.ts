import type { HubConfig, MailboxConfig } from '@hub/config';
import { UseCaseError } from '@hub/database';

export class UnknownMailboxError extends UseCaseError {
  constructor(message: string) {
    super('BAD_INPUT', message);
  }
}

/** The mailboxes of mailboxes.yaml, by name. */
export function mailboxNames(config: HubConfig): string[] {
  return config.mailboxes.mailboxes.map((m) => m.name);
}

export function configuredMailbox(config: HubConfig, name: string): MailboxConfig {
  const mb = config.mailboxes.mailboxes.find((m) => m.name === name);
  if (!mb) {
    const known = mailboxNames(config);
    throw new UnknownMailboxError(`unknown mailbox ${name}; mailboxes.yaml lists: ${known.length ? known.join(', ') : 'none'}`);
  }
  return mb;
}
