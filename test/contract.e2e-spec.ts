import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import committed from '../docs/openapi.json';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';
import { startApi } from './support/harness';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Served routes that are deliberately left out of the document: Swagger UI's page and init
 * script, which SwaggerModule registers under /docs (its static assets are middleware, not
 * routes). They are a viewer for the document, not part of the API.
 */
const UNDOCUMENTED = [
  'GET /docs',
  'GET /docs/',
  'GET /docs/index.html',
  'GET /docs/LICENSE',
  'GET /docs/swagger-ui-init.js',
  'GET /docs/docs/swagger-ui-init.js',
];

/** The routes Express actually serves, as `METHOD /path/{param}`. */
function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return (
    express.router.stack
      // Nest adds catch-all routes (`/{*path}`) for its 404 handling; they are not endpoints.
      .filter((layer) => layer.route && !layer.route.path.includes('*'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort()
  );
}

function documentedRoutes(): string[] {
  return Object.entries(committed.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete', 'options'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let generated: unknown;

  beforeAll(async () => {
    app = await startApi();
    // Through JSON, as the script writes it and the endpoint serves it.
    generated = JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('documents exactly the routes the API serves', () => {
    const served = servedRoutes(app);
    expect(served).toEqual(expect.arrayContaining(UNDOCUMENTED));
    expect(documentedRoutes()).toEqual(served.filter((route) => !UNDOCUMENTED.includes(route)));
  });

  it('the committed docs/openapi.json is what the code generates', () => {
    try {
      expect(committed).toEqual(generated);
    } catch (error) {
      throw new Error(
        'docs/openapi.json is stale: run `npm run openapi:write` and commit the result.\n\n' +
          (error as Error).message,
      );
    }
  });

  it('is served at /openapi.json', async () => {
    const res = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(generated);
  });

  it('/docs serves Swagger UI', async () => {
    const server = app.getHttpServer();
    const page = await request(server).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    // The page's script and assets, which load the document.
    const init = await request(server).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"title": "Intake API"');
    await request(server).get('/docs/swagger-ui-bundle.js').expect(200);
  });
});
