import { Logger, Module } from '@nestjs/common';
import { attachmentLinkSecret, HUB_CONFIG, HubConfig } from '@hub/config';
import { CLOCK, Clock } from '@hub/domain';
import { TicketUseCasesModule } from '@hub/tickets';
import { AttachmentDownloadController } from './attachment-download.controller';
import { AttachmentLinks } from './attachment-links';
import { TicketExportController } from './ticket-export.controller';
import { TicketExportService } from './ticket-export.service';
import { TicketQueryService } from './ticket-query.service';
import { ReplyReviewController } from './reply-review.controller';
import { SuspensionController } from './suspension.controller';
import { TicketActionsController } from './ticket-actions.controller';
import { TicketsController } from './tickets.controller';
import { SubDispatchController } from './sub-dispatch.controller';
import { CitiesController, CityHandoverController } from './city-handover.controller';

/** Signs with HUB_LINK_SECRET; without it in production the API does not start, and says why. */
function attachmentLinks(config: HubConfig, clock: Clock): AttachmentLinks {
  const { secret, generated } = attachmentLinkSecret(config.env.security);
  if (generated) {
    new Logger('attachments').warn(
      'HUB_LINK_SECRET is not set: attachment download links are signed with a key made for this run (they stop working when the API restarts); set HUB_LINK_SECRET (32+ random characters) to keep them, and in production',
    );
  }
  return new AttachmentLinks(secret, () => clock.now());
}

@Module({
  imports: [TicketUseCasesModule],
  controllers: [
    TicketExportController,
    TicketsController,
    TicketActionsController,
    ReplyReviewController,
    SuspensionController,
    SubDispatchController,
    CityHandoverController,
    CitiesController,
    AttachmentDownloadController,
  ],
  providers: [TicketQueryService, TicketExportService, { provide: AttachmentLinks, useFactory: attachmentLinks, inject: [HUB_CONFIG, CLOCK] }],
  exports: [TicketQueryService],
})
export class TicketsModule {}
