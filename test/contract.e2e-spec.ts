import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import document from '../docs/openapi.json';
import { startApi } from './support/harness';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

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
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete', 'options'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('documents exactly the routes the API serves', () => {
    expect(documentedRoutes()).toEqual(servedRoutes(app));
  });

  it('is served at /openapi.json', async () => {
    const res = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(res.body).toEqual(document);
  });
});
