import type { OpenAPIObject, OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { buildApiDocument } from './openapi-document';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(doc: OpenAPIObject): Array<[string, OperationObject]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m] as OperationObject] as [string, OperationObject]),
  );
}

/** Every schema name a schema refers to, however deep. */
function refs(schema: SchemaObject | ReferenceObject | undefined, out = new Set<string>()): Set<string> {
  if (!schema) return out;
  if ('$ref' in schema) return out.add(schema.$ref.replace('#/components/schemas/', ''));
  for (const s of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...Object.values(schema.properties ?? {})]) refs(s, out);
  if (schema.type === 'array') refs((schema as { items?: SchemaObject }).items, out);
  if (typeof schema.additionalProperties === 'object') refs(schema.additionalProperties, out);
  return out;
}

describe('the OpenAPI document (the contract the console is generated from)', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    doc = await buildApiDocument();
  });

  it('is built from the real API module without a database or Redis', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/tickets/{id}', '/api/stats/timeliness', '/health']));
  });

  it('documents the success response of every operation, with a summary', () => {
    const undocumented = operations(doc).filter(([, op]) => {
      const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!ok.length) return true;
      // A 204 has no body; every other success names what it sends.
      return !ok.every(([status, r]) => status === '204' || Object.keys((r as { content?: object }).content ?? {}).length > 0);
    });
    expect(undocumented.map(([name]) => name)).toEqual([]);
    expect(
      operations(doc)
        .filter(([, op]) => !op.summary)
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('refers only to schemas it defines', () => {
    const defined = new Set(Object.keys(doc.components?.schemas ?? {}));
    const used = new Set<string>();
    for (const [, op] of operations(doc)) {
      for (const r of Object.values(op.responses))
        for (const c of Object.values((r as { content?: Record<string, { schema?: SchemaObject }> }).content ?? {})) refs(c.schema, used);
    }
    for (const s of Object.values(doc.components?.schemas ?? {})) refs(s, used);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });
});
