import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { Logger } from 'nestjs-pino';
import type { Request, Response, NextFunction } from 'express';
import { HubConfig } from '@hub/config';
import { ApiModule } from './app.module';
import { BODY_LIMIT, refuseJsonAsForm, refuseUnreadableBody } from './http-body';
import { apiDocument } from './openapi-document';
import { validationException } from './validation-errors';

export function consoleDir(): string | null {
  const candidates = [resolve(process.cwd(), 'apps/console/dist'), resolve(__dirname, '../../../../apps/console/dist')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

/** Builds the HTTP application (used by main.ts and by API tests). */
export async function createApiApp(config?: HubConfig, opts: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(refuseUnreadableBody);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  app.use(refuseJsonAsForm);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException }));
  SwaggerModule.setup('api/docs', app, () => apiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  const dir = consoleDir();
  if (dir) {
    app.useStaticAssets(dir, { index: false, maxAge: '1h' });
    const index = join(dir, 'index.html');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path === '/health' || req.path === '/metrics') return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  return app;
}
