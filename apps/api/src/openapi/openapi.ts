import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { addAuthSchemes } from '@intake/access';
import { createOpenApiDocument, serveOpenApi } from '@intake/platform';
import packageJson from '../../../../package.json';

const DESCRIPTION = [
  "Lead management for clinics: the public intake endpoint a clinic's website posts its consultation form to, plus health checks and a demo form.",
  'Every error has the same shape (`Error`); every API response carries `X-Request-Id`. Errors are JSON, except that a browser posting a plain HTML form (urlencoded or multipart, `Accept` preferring `text/html`) gets the same code, field errors and request id as an HTML page, with the same status.',
  'Any endpoint that reads or writes the database may answer `503` `DATABASE.BUSY` with `Retry-After: 1` when the database does not answer in time (a record locked by another change, or the service overloaded): nothing was stored, and the request can be retried.',
  "The public intake endpoint needs no credentials. Protected endpoints name their scheme: `apiKey`, an API key sent as `Authorization: Bearer ik_...`, `oidc`, a staff member's OpenID Connect access token (a JWT) sent as `Authorization: Bearer <token>`, or `session`, the console's session cookie `intake_session` from signing in at `/auth/login` (then every POST, PUT, PATCH and DELETE also sends `X-CSRF-Token`).",
].join('\n\n');

/**
 * The API's OpenAPI document. Deterministic, so `npm run openapi:write` keeps docs/openapi.json
 * in step and a test can compare them.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = addAuthSchemes(
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Intake API')
      .setVersion(packageJson.version)
      .setDescription(DESCRIPTION),
    { session: true },
  ).build();
  return withSessionScheme(createOpenApiDocument(app, config));
}

/**
 * Every route that takes an API key here also takes the console's session cookie (the api's
 * guard reads it; the analytics service's does not, so the decorators leave it out).
 */
function withSessionScheme(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ security?: object[] }>) {
      const security = operation?.security;
      if (!Array.isArray(security)) continue;
      if (security.some((scheme) => 'apiKey' in scheme)) security.push({ session: [] });
    }
  }
  return document;
}

/** Serves the document at /openapi.json and Swagger UI at /docs; before the app is initialized. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  serveOpenApi(app, document);
  return document;
}
