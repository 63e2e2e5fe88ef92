import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RecordSmsReceiptUseCase, RecordSmsReplyUseCase, SMS_TRANSPORT, SmppTransport, type SmsTransport } from '@hub/notify';

/** Delivery receipts and replies (退订) the SMS gateway pushes, recorded by their use cases. */
@Injectable()
export class SmsGatewayListener implements OnModuleInit {
  private readonly log = new Logger('messaging');

  constructor(
    @Inject(SMS_TRANSPORT) private readonly transport: SmsTransport,
    private readonly receipt: RecordSmsReceiptUseCase,
    private readonly reply: RecordSmsReplyUseCase,
  ) {}

  onModuleInit(): void {
    this.transport.onInbound(async (e) => {
      if (e.kind === 'receipt') return (await this.receipt.execute(e)).result === 'recorded';
      const r = await this.reply.execute(e);
      if (r === 'opted-out') this.log.log(`SMS: ${e.phone.slice(0, 3)}****${e.phone.slice(-4)} replied 退订`);
      return true;
    });
    // An SMPP gateway pushes receipts and replies only to a bound session: bind at start, not at the first send.
    if (this.transport instanceof SmppTransport) this.transport.connect().catch((e: Error) => this.log.warn(`SMS gateway: ${e.message}`));
  }
}
