import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

interface Document {
  paths: Record<string, object>;
}

/**
 * Served routes that are deliberately left out of a document: Swagger UI's page and init
 * script, which SwaggerModule registers under /docs (its static assets are middleware, not
 * routes). They are a viewer for the document, not part of the API.
 */
export const UNDOCUMENTED = [
  'GET /docs',
  'GET /docs/',
  'GET /docs/index.html',
  'GET /docs/LICENSE',
  'GET /docs/swagger-ui-init.js',
  'GET /docs/docs/swagger-ui-init.js',
];

/** The routes Express actually serves, as `METHOD /path/{param}`. */
export function servedRoutes(app: INestApplication): string[] {
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

/** The operations a document describes, as `METHOD /path/{param}`. */
export function documentedRoutes(document: Document): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete', 'options'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

type Schema = Record<string, unknown>;

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * A schema as a strict JSON Schema: `nullable: true` (the OpenAPI 3.0 keyword @nestjs/swagger
 * writes, also beside `allOf`) becomes "this, or null", and an object with `properties` allows
 * no others, so a field the document does not describe fails validation.
 */
function strict(schema: Schema): Schema {
  const { nullable, ...rest } = schema;
  const out: Schema = { ...rest };
  if (rest.properties) {
    out.properties = Object.fromEntries(
      Object.entries(rest.properties as Record<string, Schema>).map(([k, v]) => [k, strict(v)]),
    );
    out.additionalProperties ??= false;
  }
  if (rest.items) out.items = strict(rest.items as Schema);
  for (const key of SUBSCHEMA_LISTS) {
    if (rest[key]) out[key] = (rest[key] as Schema[]).map(strict);
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * Validators for the JSON responses a document describes: `validator(path, status)` checks a
 * body against the schema documented for `GET path` with that status, and returns the problems.
 */
export function responseValidators(document: Document & { components?: { schemas?: object } }) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, s]) => [name, strict(s)]),
  );
  // References are `#/components/schemas/...`: they resolve inside this one.
  ajv.addSchema({ components: { schemas } }, 'doc');
  return (path: string, status: number): ((body: unknown) => string[]) => {
    const operation = (document.paths[path] as Record<string, Schema> | undefined)?.get;
    const responses = operation?.responses as Record<string, Schema> | undefined;
    const content = responses?.[status]?.content as Record<string, Schema> | undefined;
    const schema = content?.['application/json']?.schema as Schema | undefined;
    if (!schema) throw new Error(`no JSON response documented for GET ${path} ${status}`);
    const validate = ajv.compile(
      JSON.parse(JSON.stringify(strict(schema)).replaceAll('"#/components/', '"doc#/components/')),
    );
    return (body) =>
      validate(body)
        ? []
        : (validate.errors ?? []).map(
            (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
          );
  };
}
