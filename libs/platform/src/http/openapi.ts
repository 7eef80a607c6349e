import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Where an app serves its document; `/docs` is Swagger UI on top of it. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = '/docs';

/**
 * An app's OpenAPI document, generated from its controllers' decorators, with the path of the
 * document itself. Deterministic as long as `config` is (no dates, no host), so a script can
 * commit it and a test compare. Needs only a created app, not an initialized one: nothing has to
 * connect, and a `preview` app is enough.
 */
export function createOpenApiDocument(
  app: INestApplication,
  config: Omit<OpenAPIObject, 'paths'>,
): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, config);
  // Served by SwaggerModule rather than a controller, so no decorator can describe it.
  document.paths[OPENAPI_JSON_PATH] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      tags: ['docs'],
      responses: {
        200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } },
      },
    },
  };
  return document;
}

/**
 * Serves the document at /openapi.json and Swagger UI at /docs. Both are plain Express routes,
 * outside Nest's guards, so they are public without @Public(). Call it before the app is
 * initialized: the routes must be registered ahead of Nest's catch-all 404 handler.
 */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: document.info.title,
  });
}
