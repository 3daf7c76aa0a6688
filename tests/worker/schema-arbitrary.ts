/**
 * fast-check arbitraries from JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), for the
 * contract fuzz test: valid values of a schema, and values that break it in one place. Covers
 * what zod's toJSONSchema writes: type (and type lists), properties/required/
 * additionalProperties, enum, const, anyOf/oneOf/allOf, $ref into components, string formats
 * (uuid, date-time, date, email), pattern, lengths, numeric bounds, items and their counts.
 */
import fc from "fast-check";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  [key: string]: unknown;
};

export type Components = Record<string, JsonSchema>;

const MIN_TIME = Date.UTC(2020, 0, 1);
const MAX_TIME = Date.UTC(2030, 0, 1);
const isoDate = fc.integer({ min: MIN_TIME, max: MAX_TIME }).map((t) => new Date(t));

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 20; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, "");
    const target = components[name];
    if (!target) throw new Error(`unknown $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case "uuid":
      return fc.uuid({ version: 4 });
    case "date-time":
      return isoDate.map((d) => d.toISOString());
    case "date":
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/), fc.constantFrom("example.org", "example.com"))
        .map(([local, domain]) => `${local}@${domain}`);
    default:
      break;
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, minLength + 40));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re).filter((v) => v.length >= minLength && v.length <= (s.maxLength ?? Infinity));
  }
  return fc
    .string({ minLength, maxLength, unit: "grapheme" })
    .filter((v) => v.trim().length >= Math.min(minLength, 1) || minLength === 0);
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -1_000_000 : s.exclusiveMinimum + (integer ? 1 : 1e-6));
  const max = s.maximum ?? (s.exclusiveMaximum === undefined ? 1_000_000 : s.exclusiveMaximum - (integer ? 1 : 1e-6));
  if (integer) {
    return fc.integer({
      min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts (as far as JSON Schema can say: zod refinements are not in it). */
export function valid(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((member) => valid(member, components, depth + 1)));
  if (s.allOf) {
    const merged: JsonSchema = {};
    for (const part of s.allOf) {
      const r = resolve(part, components);
      Object.assign(merged, r, {
        properties: { ...merged.properties, ...r.properties },
        required: [...(merged.required ?? []), ...(r.required ?? [])],
      });
    }
    return valid(merged, components, depth + 1);
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...s, type }, components, depth + 1)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return numberArbitrary(s, true);
    case "number":
      return numberArbitrary(s, false);
    case "string":
      return stringArbitrary(s);
    case "array": {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 3, depth > 3 ? minLength : minLength + 3));
      return fc.array(s.items ? valid(s.items, components, depth + 1) : fc.constant(null), { minLength, maxLength });
    }
    case "object": {
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valid(v, components, depth + 1)])),
        { requiredKeys },
      );
    }
    default:
      // An open schema ({}): any small JSON value.
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
  }
}

/** A value of another JSON type than the schema's (an object for a string, a string for a number…). */
export function wrongType(schema: JsonSchema, components: Components): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (!types.includes("string")) candidates.push(fc.constant("not the right type"));
  if (!types.includes("number") && !types.includes("integer")) candidates.push(fc.constant(12345));
  if (!types.includes("boolean")) candidates.push(fc.constant(true));
  if (!types.includes("object")) candidates.push(fc.constant({ nested: "object" }));
  if (!types.includes("array")) candidates.push(fc.constant([1, 2, 3]));
  return fc.oneof(...candidates);
}

/**
 * An object body that breaks its schema in one place: a key the schema does not allow, a
 * required key left out, or a property of the wrong type. Null when the schema is not an object.
 */
export function brokenObject(schema: JsonSchema, components: Components): fc.Arbitrary<unknown> | null {
  const s = resolve(schema, components);
  const branch = s.anyOf?.[0] ?? s.oneOf?.[0];
  const base = branch ? resolve(branch, components) : s;
  if (base.type !== "object" || !base.properties) return null;
  const props = Object.keys(base.properties);
  const ways: fc.Arbitrary<unknown>[] = [];
  const validBase = valid(base, components) as fc.Arbitrary<Record<string, unknown>>;
  if (base.additionalProperties === false) {
    ways.push(validBase.map((v) => ({ ...v, notAFieldOfThisSchema: "surplus" })));
  }
  if ((base.required ?? []).length > 0) {
    ways.push(
      fc.tuple(validBase, fc.constantFrom(...(base.required ?? []))).map(([v, key]) => {
        const copy = { ...v };
        delete copy[key];
        return copy;
      }),
    );
  }
  if (props.length > 0) {
    ways.push(
      fc
        .constantFrom(...props)
        .chain((key) =>
          fc
            .tuple(validBase, wrongType(base.properties?.[key] ?? {}, components))
            .map(([v, bad]) => ({ ...v, [key]: bad })),
        ),
    );
  }
  return ways.length > 0 ? fc.oneof(...ways) : null;
}
