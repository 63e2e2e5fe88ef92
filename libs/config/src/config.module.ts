import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, loadConfig } from './hub-config';

/** Makes the validated configuration injectable as HUB_CONFIG; read once per process. */
@Global()
@Module({})
export class HubConfigModule {
  static forRoot(config?: HubConfig): DynamicModule {
    return {
      module: HubConfigModule,
      providers: [{ provide: HUB_CONFIG, useFactory: () => config ?? loadConfig(process.env) }],
      exports: [HUB_CONFIG],
    };
  }
}
