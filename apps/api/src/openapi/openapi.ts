import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import packageJson from '../../../../package.json';

/** Where the document is served; `/docs` is Swagger UI on top of it. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = '/docs';

const DESCRIPTION = [
  "Lead management for clinics: the public intake endpoint a clinic's website posts its consultation form to, plus health checks and a demo form.",
  'Every error has the same shape (`Error`); every API response carries `X-Request-Id`. Errors are JSON, except that a browser posting a plain HTML form (urlencoded or multipart, `Accept` preferring `text/html`) gets the same code, field errors and request id as an HTML page, with the same status.',
  "The public intake endpoint needs no credentials. Protected endpoints name their scheme: `apiKey`, an API key sent as `Authorization: Bearer ik_...`, or `oidc`, a staff member's OpenID Connect access token (a JWT) sent as `Authorization: Bearer <token>`.",
].join('\n\n');

/**
 * The OpenAPI document, generated from the controllers' decorators. Deterministic (no dates, no
 * host), so `npm run openapi:write` keeps docs/openapi.json in step and a test can compare them.
 * Needs only a created app, not an initialized one: nothing has to connect.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Intake API')
    .setVersion(packageJson.version)
    .setDescription(DESCRIPTION)
    // No global security requirement: the intake endpoint is public. Protected controllers say
    // which scheme they take with @ApiBearerAuth('apiKey') or @ApiBearerAuth('oidc').
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'ik_...',
        description: 'An API key: `Authorization: Bearer ik_...`.',
      },
      'apiKey',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          "A staff member's OpenID Connect access token: `Authorization: Bearer <token>`.",
      },
      'oidc',
    )
    .build();
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
 * Serves the document at /openapi.json and Swagger UI at /docs. Call it before the app is
 * initialized: its routes must be registered ahead of Nest's catch-all 404 handler.
 */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Intake API',
  });
  return document;
}
