import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '@hub/database';

export class ListWebhookDeliveriesCommand {
  @IsOptional() @IsIn([...WEBHOOK_DELIVERY_STATUSES]) status?: WebhookDeliveryStatus;
  @IsOptional() @IsString() @MaxLength(60) endpoint?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) ticketId?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) beforeId?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
