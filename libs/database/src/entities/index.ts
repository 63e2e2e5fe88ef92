import { AssignmentEntity } from './assignment.entity';
import { AttachmentEntity } from './attachment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { CategoryEntity } from './category.entity';
import { ClusterEntity } from './cluster.entity';
import { DeadlineEntity } from './deadline.entity';
import { ImportFileEntity } from './import-file.entity';
import { IntakeItemEntity } from './intake-item.entity';
import { MailboxStateEntity } from './mailbox-state.entity';
import { OutgoingMailEntity } from './outgoing-mail.entity';
import { OutgoingSmsEntity } from './outgoing-sms.entity';
import { RegionEntity } from './region.entity';
import { ReminderEntity } from './reminder.entity';
import { RequesterEntity } from './requester.entity';
import { RoutingRuleEntity } from './routing-rule.entity';
import { SmsOptOutEntity } from './sms-opt-out.entity';
import { SmsSegmentEntity } from './sms-segment.entity';
import { SourceEntity } from './source.entity';
import { StatsDailyEntity } from './stats-daily.entity';
import { SupervisionOrderEntity } from './supervision-order.entity';
import { SurveyLinkEntity } from './survey-link.entity';
import { TaskEntity } from './task.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketEntity } from './ticket.entity';
import { TicketSearchEntity } from './ticket-search.entity';
import { CannedReplyEntity } from './canned-reply.entity';
import { KnowledgeEntryEntity } from './knowledge-entry.entity';
import { KnowledgeVersionEntity } from './knowledge-version.entity';
import { TrainingExampleEntity } from './training-example.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';
import { LoginThrottleEntity } from './login-throttle.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { UpstreamCursorEntity } from './upstream-cursor.entity';
import { ZeroReportEntity } from './zero-report.entity';

export {
  AssignmentEntity,
  AttachmentEntity,
  AuditLogEntity,
  AuthSessionEntity,
  CategoryEntity,
  ClusterEntity,
  DeadlineEntity,
  ImportFileEntity,
  IntakeItemEntity,
  MailboxStateEntity,
  OutgoingMailEntity,
  RegionEntity,
  ReminderEntity,
  RequesterEntity,
  RoutingRuleEntity,
  SourceEntity,
  StatsDailyEntity,
  SupervisionOrderEntity,
  SurveyLinkEntity,
  TaskEntity,
  TicketEventEntity,
  TicketEntity,
  TrainingExampleEntity,
  UnitEntity,
  UserEntity,
};
// Messaging (SMS outbox, webhooks).
export { OutgoingSmsEntity, SmsOptOutEntity, SmsSegmentEntity, WebhookDeliveryEntity, WebhookEndpointEntity };
// Upstream platforms (work orders pulled, status pushed back).
export { UpstreamCursorEntity };
// Login throttling.
export { LoginThrottleEntity };
// 零报告.
export { ZeroReportEntity };
export { TicketSearchEntity, CannedReplyEntity, KnowledgeEntryEntity, KnowledgeVersionEntity };
export type { ClassificationSnapshot } from './ticket.entity';

export const ENTITIES = [
  AssignmentEntity,
  AttachmentEntity,
  AuditLogEntity,
  AuthSessionEntity,
  CategoryEntity,
  ClusterEntity,
  DeadlineEntity,
  ImportFileEntity,
  IntakeItemEntity,
  MailboxStateEntity,
  OutgoingMailEntity,
  RegionEntity,
  ReminderEntity,
  RequesterEntity,
  RoutingRuleEntity,
  SourceEntity,
  StatsDailyEntity,
  SurveyLinkEntity,
  TaskEntity,
  TicketEventEntity,
  TicketEntity,
  TicketSearchEntity,
  CannedReplyEntity,
  KnowledgeEntryEntity,
  KnowledgeVersionEntity,
  TrainingExampleEntity,
  UnitEntity,
  UserEntity,
  OutgoingSmsEntity,
  SupervisionOrderEntity,
  SmsOptOutEntity,
  SmsSegmentEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  UpstreamCursorEntity,
  LoginThrottleEntity,
  ZeroReportEntity,
];
