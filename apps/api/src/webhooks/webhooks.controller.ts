import { BadRequestException, Controller, Get, HttpCode, NotFoundException, ConflictException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDelivery } from '@hub/database';
import { ListWebhookDeliveriesUseCase, ReplayWebhookDeliveryUseCase, WebhookDeliveryInFlight, WebhookDeliveryNotFound, webhookDeliveryId } from '@hub/notify';
import { Roles } from '../auth/auth.decorators';
import { WebhookDeliveryPage, WebhookDeliveryView } from './webhooks.responses';

function view(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    endpoint: d.endpoint,
    eventId: d.eventId,
    eventType: d.eventType,
    ticketId: d.ticketId,
    deliveryId: webhookDeliveryId(d.eventId, d.endpoint),
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(
    private readonly list: ListWebhookDeliveriesUseCase,
    private readonly replayDelivery: ReplayWebhookDeliveryUseCase,
  ) {}

  @ApiOkResponse({ type: WebhookDeliveryPage })
  @Get('deliveries')
  @ApiOperation({ summary: 'Webhook deliveries, newest first: ?status=failed lists those given up, for replay' })
  @ApiQuery({ name: 'status', required: false, enum: WEBHOOK_DELIVERY_STATUSES })
  @ApiQuery({ name: 'endpoint', required: false })
  @ApiQuery({ name: 'ticketId', required: false, type: 'integer' })
  @ApiQuery({ name: 'beforeId', required: false, type: 'integer' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer' })
  async deliveries(
    @Query('status') status?: string,
    @Query('endpoint') endpoint?: string,
    @Query('ticketId') ticketId?: string,
    @Query('beforeId') beforeId?: string,
    @Query('limit') limit?: string,
  ): Promise<WebhookDeliveryPage> {
    const take = limit ? Number(limit) : 100;
    const rows = await this.list.execute({
      status: status as never,
      endpoint,
      ticketId: ticketId as never,
      beforeId: beforeId as never,
      limit: take as never,
    });
    return { items: rows.map(view), nextBeforeId: rows.length === take ? rows[rows.length - 1].id : null };
  }

  @ApiOkResponse({ type: WebhookDeliveryView })
  @Post('deliveries/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed (or delivered) delivery again: same body, same X-Hub-Delivery' })
  async replay(@Param('id', ParseIntPipe) id: number): Promise<WebhookDeliveryView> {
    try {
      return view(await this.replayDelivery.execute({ deliveryId: id }));
    } catch (e) {
      if (e instanceof WebhookDeliveryNotFound) throw new NotFoundException(e.message);
      if (e instanceof WebhookDeliveryInFlight) throw new ConflictException(e.message);
      if ((e as { code?: string }).code === 'BAD_INPUT') throw new BadRequestException((e as Error).message);
      throw e;
    }
  }
}
