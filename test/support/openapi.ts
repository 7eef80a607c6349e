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
 * A schema as a strict JSON Schema: an object with `properties` allows no others, so a field the
 * document does not describe fails validation. (Nullables need nothing: the documents are OpenAPI
 * 3.1, whose schemas are JSON Schema, `type: [X, "null"]` or `anyOf` with `{type: "null"}`.)
 */
function strict(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, Schema>).map(([k, v]) => [k, strict(v)]),
    );
    out.additionalProperties ??= false;
  }
  if (schema.items) out.items = strict(schema.items as Schema);
  for (const key of SUBSCHEMA_LISTS) {
    if (schema[key]) out[key] = (schema[key] as Schema[]).map(strict);
  }
  return out;
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
