import { Injectable } from '@nestjs/common';
import { SMS_OPT_OUTS, UnitOfWork } from '@hub/database';
import { normalizePhone } from '@hub/domain';
import { isOptOutReply } from '../../sms/sms-templates';
import { validateCommand } from '@hub/database';
import { RecordSmsReplyCommand } from './record-sms-reply.command';

/** A text a phone sent to the hub's number: TD/退订 stops non-essential SMS to it; anything else is left alone. */
@Injectable()
export class RecordSmsReplyUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: RecordSmsReplyCommand): Promise<'opted-out' | 'already-opted-out' | 'ignored'> {
    const cmd = validateCommand(RecordSmsReplyCommand, input);
    const phone = normalizePhone(cmd.phone);
    if (!phone || !isOptOutReply(cmd.text)) return 'ignored';
    const added = await this.uow.run((tx) => tx.get(SMS_OPT_OUTS).optOut(phone, 'sms-reply', cmd.text));
    return added ? 'opted-out' : 'already-opted-out';
  }
}
