import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import committed from '../docs/openapi.json';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi';
import { startApi } from './support/harness';
import { documentedRoutes, servedRoutes, UNDOCUMENTED } from './support/openapi';

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
    expect(documentedRoutes(committed)).toEqual(
      served.filter((route) => !UNDOCUMENTED.includes(route)),
    );
  });

  it('the committed docs/openapi.json is what the code generates', () => {
    try {
      expect(committed).toEqual(generated);
    } catch (error) {
      throw new Error(
        'docs/openapi.json is stale: run `npm run openapi:write` and commit the result.\n\n' +
          (error as Error).message,
        { cause: error },
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
