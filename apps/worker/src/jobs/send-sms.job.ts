import { Injectable } from '@nestjs/common';
import { SendSmsUseCase } from '@hub/notify';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Sends one outbox SMS (claimed with a lease; quiet hours and 退订 decided by the use case). */
@Injectable()
export class SendSmsJob implements WorkerJob<'send-sms'> {
  readonly name = 'send-sms' as const;
  constructor(private readonly sendSms: SendSmsUseCase) {}

  async handle({ smsId }: JobPayloads['send-sms']) {
    return this.sendSms.execute({ smsId });
  }
}
