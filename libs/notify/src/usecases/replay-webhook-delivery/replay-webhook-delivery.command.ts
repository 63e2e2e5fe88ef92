import { IsInt, Min } from 'class-validator';

export class ReplayWebhookDeliveryCommand {
  @IsInt() @Min(1) deliveryId!: number;
}
