import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { addAuthSchemes } from '@intake/access';
import { createOpenApiDocument, serveOpenApi } from '@intake/platform';
import packageJson from '../../../package.json';

const DESCRIPTION = [
  "Read-only figures from the analytics service's own projections of the lead events topic: the funnel, speed to lead and the consumer's counters, plus health checks. Figures name coordinators by staff id and carry no personal data.",
  'Every error has the same shape (`Error`); every response of the analytics and health endpoints carries `X-Request-Id`.',
  "The figures need a staff credential whose role grants `analytics:read` (admin, viewer, service), by either scheme: `apiKey`, an API key sent as `Authorization: Bearer ik_...`, or `oidc`, a staff member's OpenID Connect access token (a JWT) sent as `Authorization: Bearer <token>`. Health checks and this document are public.",
].join('\n\n');

/**
 * The analytics service's OpenAPI document. Deterministic, so `npm run openapi:write` keeps
 * docs/analytics-openapi.json in step and a test can compare them.
 */
export function buildAnalyticsOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = addAuthSchemes(
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Intake analytics API')
      .setVersion(packageJson.version)
      .setDescription(DESCRIPTION),
  ).build();
  return createOpenApiDocument(app, config);
}

/** Serves the document at /openapi.json and Swagger UI at /docs; before the app is initialized. */
export function setupAnalyticsOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildAnalyticsOpenApiDocument(app);
  serveOpenApi(app, document);
  return document;
}
