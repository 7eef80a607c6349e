import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadApiConfig } from '../apps/api/src/api.config';
import { ApiModule } from '../apps/api/src/api.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';

const OUTPUT = resolve(__dirname, '../docs/openapi.json');

/**
 * Writes docs/openapi.json from the code (`npm run openapi:write`); the contract suite fails
 * while the committed file differs from what the code generates.
 */
async function main(): Promise<void> {
  // Preview mode scans modules and controllers but instantiates no provider: nothing connects
  // to PostgreSQL or Kafka, and the decorators are all the document needs.
  const app = await NestFactory.create(ApiModule.forRoot(loadApiConfig({})), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = buildOpenApiDocument(app);
  const options = (await resolveConfig(OUTPUT)) ?? {};
  await writeFile(
    OUTPUT,
    await format(JSON.stringify(document, null, 2), { ...options, filepath: OUTPUT }),
  );
  console.log(`wrote ${OUTPUT}: ${Object.keys(document.paths).length} paths`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
