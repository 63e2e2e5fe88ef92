import { Public } from '../auth/auth.decorators';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HubMetrics } from './hub-metrics';

/** Prometheus metrics (see HubMetrics for what they are). */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly hub: HubMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.hub.scrape();
  }
}
