import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { openDatabase } from './data-source';

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/**
 * The TypeORM DataSource for DATABASE_URL. Processes refuse to start on a schema that has
 * pending migrations, with the command that fixes it.
 */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [HUB_CONFIG],
      useFactory: async (config: HubConfig) => {
        const ds = await openDatabase(config.env.database);
        if (await ds.showMigrations()) {
          await ds.destroy();
          throw new Error('database has pending migrations — run `npx hub db migrate` first');
        }
        return ds;
      },
    },
    DatabaseCloser,
  ],
  exports: [DataSource],
})
export class DatabaseModule {}
