import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { Logger } from 'nestjs-pino';
import { json, urlencoded, type Request, type Response, type NextFunction } from 'express';
import { attachmentLinkSecret, HubConfig, loadConfig } from '@hub/config';
import { ApiModule } from './app.module';
import { BODY_LIMIT, LOGIN_BODY_LIMIT, refuseDeepOrWideJson, refuseJsonAsForm, refuseUnreadableBody } from './http-body';
import { guardMetrics, securityHeaders, trustProxySetting } from './http-security';
import { apiDocument } from './openapi-document';
import { HubMetrics } from './health/hub-metrics';
import { validationException } from './validation-errors';

export function consoleDir(): string | null {
  const candidates = [resolve(process.cwd(), 'apps/console/dist'), resolve(__dirname, '../../../../apps/console/dist')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

/** Builds the HTTP application (used by main.ts and by API tests). */
export async function createApiApp(given?: HubConfig, opts: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const config = given ?? loadConfig(process.env);
  const security = config.env.security;
  // Production without HUB_LINK_SECRET stops here, naming the setting (inside Nest's start it would be a bare exit).
  if (security.production) attachmentLinkSecret(security);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(security));
  app.use(app.get(HubMetrics).http());
  app.use(securityHeaders());
  app.use(guardMetrics(security));
  app.use(refuseUnreadableBody);
  // Read first with its own small limit (the general parsers then find the body read).
  app.use('/api/auth/login', json({ limit: LOGIN_BODY_LIMIT }), urlencoded({ limit: LOGIN_BODY_LIMIT, extended: false }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  app.use(refuseDeepOrWideJson(security.jsonMaxDepth, security.jsonMaxKeys));
  app.use(refuseJsonAsForm);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException }));
  // HUB_API_DOCS: on by default outside production (the route list is no secret, but no need to hand it out).
  if (security.apiDocs) SwaggerModule.setup('api/docs', app, () => apiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  const dir = consoleDir();
  if (dir) {
    app.useStaticAssets(dir, { index: false, maxAge: '1h' });
    const index = join(dir, 'index.html');
    // The citizens' pages: /q (progress) and /q/s/<token> (回访 survey), a build entry of their own.
    const citizens = join(dir, 'q.html');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/open311') || req.path === '/health' || req.path === '/metrics')
        return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(req.path === '/q' || req.path.startsWith('/q/') ? citizens : index);
    });
  }
  return app;
}
