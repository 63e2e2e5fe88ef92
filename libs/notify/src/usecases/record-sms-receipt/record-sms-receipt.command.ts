import { IsDate, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { SMS_DELIVERY_STATES, SmsDeliveryState } from '@hub/database';

export class RecordSmsReceiptCommand {
  @IsString() @MinLength(1) @MaxLength(100) providerMessageId!: string;
  @IsIn([...SMS_DELIVERY_STATES]) state!: SmsDeliveryState;
  @IsDate() at!: Date;
}
