import { Injectable } from '@nestjs/common';
import { validateCommand } from '@hub/database';
import type { MailboxHealth, MailboxHealthReport } from '../../mailbox/mailbox-health.service';
import { CheckMailboxHealthCommand } from './check-mailbox-health.command';

/**
 * The periodic health pass: a mailbox that works but has received nothing for its
 * `silentAlertHours` is marked silent and supervisors are told once (until mail comes again).
 */
@Injectable()
export class CheckMailboxHealthUseCase {
  constructor(private readonly health: MailboxHealth) {}

  async execute(input: CheckMailboxHealthCommand = {}): Promise<MailboxHealthReport[]> {
    validateCommand(CheckMailboxHealthCommand, input);
    return this.health.checkSilence();
  }
}
