import { IsInt, Min } from 'class-validator';

export class DeliverWebhookCommand {
  @IsInt() @Min(1) deliveryId!: number;
  /** The tries the delivery had when this job was queued (part of the job id). */
  @IsInt() @Min(0) attempt!: number;
}
