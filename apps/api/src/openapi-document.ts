import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './app.module';

const API_INFO = new DocumentBuilder()
  .setTitle('12345 intake hub API')
  .setDescription("Intake, routing, dispatch, deadlines and statistics for 12345 hotlines and mayor's mailboxes")
  .setVersion('0.1.0')
  .addBearerAuth()
  .build();

/** The OpenAPI document of a built API app (served at /api/docs). */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, API_INFO);
}

/**
 * The same document without a database, Redis or configuration: Nest's preview mode registers
 * every module and controller of the real ApiModule but instantiates no provider, so nothing
 * connects. `npm run openapi` writes it for the console's generated types.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule.forRoot(), { preview: true, logger: false, abortOnError: false });
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
