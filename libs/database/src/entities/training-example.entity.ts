import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, RoutingDisposition, Urgency } from '@hub/domain';
import { CreatedAt, NullableInt, NullableStr, Str, Text } from './columns';

/** A labelled example for the router: every operator decision and every imported past ticket. */
@Entity('training_examples')
@Index('uq_training_ticket', ['ticketId', 'origin'], { unique: true })
export class TrainingExampleEntity {
  @PrimaryGeneratedColumn() id!: number;
  @NullableInt() ticketId!: number | null;
  @Str(16) channel!: Channel;
  @Text() text!: string;
  @NullableStr(100) category!: string | null;
  @NullableStr(50) region!: string | null;
  @NullableStr(100) department!: string | null;
  @Str(10) urgency!: Urgency;
  @Str(24) disposition!: RoutingDisposition;
  /** operator | history | return */
  @Str(16) origin!: string;
  @CreatedAt() createdAt!: Date;
}
