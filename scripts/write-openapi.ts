import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { AnalyticsAppModule } from '../apps/analytics/src/analytics-app.module';
import { buildAnalyticsOpenApiDocument } from '../apps/analytics/src/openapi';
import { loadApiConfig } from '../apps/api/src/api.config';
import { ApiModule } from '../apps/api/src/api.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';

const DOCS = resolve(__dirname, '../docs');

/**
 * Writes docs/openapi.json (the API) and docs/analytics-openapi.json (the analytics service) from
 * the code (`npm run openapi:write`); the contract suites fail while a committed file differs
 * from what the code generates.
 */
async function main(): Promise<void> {
  await write(
    'openapi.json',
    buildOpenApiDocument(await preview(ApiModule.forRoot(loadApiConfig({})))),
  );
  // autoStart off as well, though a preview app never boots: the consumer must not start.
  await write(
    'analytics-openapi.json',
    buildAnalyticsOpenApiDocument(
      await preview(AnalyticsAppModule.forRoot(loadAnalyticsConfig({}), { autoStart: false })),
    ),
  );
}

/**
 * Preview mode scans modules and controllers but instantiates no provider: nothing connects to
 * PostgreSQL or Kafka, no lifecycle hook runs, and the decorators are all the document needs.
 */
function preview(module: Parameters<typeof NestFactory.create>[0]): Promise<INestApplication> {
  return NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
}

async function write(name: string, document: OpenAPIObject): Promise<void> {
  const output = resolve(DOCS, name);
  const options = (await resolveConfig(output)) ?? {};
  await writeFile(
    output,
    await format(JSON.stringify(document, null, 2), { ...options, filepath: output }),
  );
  console.log(`wrote ${output}: ${Object.keys(document.paths).length} paths`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
