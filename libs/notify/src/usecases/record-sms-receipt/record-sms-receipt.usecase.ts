import { Injectable } from '@nestjs/common';
import { SMS_OUTBOX, UnitOfWork } from '@hub/database';
import { validateCommand } from '@hub/database';
import { RecordSmsReceiptCommand } from './record-sms-receipt.command';

/**
 * A delivery receipt for one segment: the SMS is delivered once every segment is, failed as soon
 * as one is undeliverable, expired or rejected. A receipt for an id not (yet) recorded answers
 * 'unknown-message' so the gateway offers it again (it can overtake the sender's own record).
 */
@Injectable()
export class RecordSmsReceiptUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: RecordSmsReceiptCommand): Promise<{ result: 'recorded'; smsId: number; deliveryStatus: string | null } | { result: 'unknown-message' }> {
    const cmd = validateCommand(RecordSmsReceiptCommand, input);
    const r = await this.uow.run((tx) => tx.get(SMS_OUTBOX).recordReceipt(cmd));
    return r ? { result: 'recorded', ...r } : { result: 'unknown-message' };
  }
}
