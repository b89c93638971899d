/**
 * Schema fingerprints: FNV-1a (32-bit; Fowler, Noll, Vo) over a canonical text description of
 * the schema, so two workers that registered different versions of a type under the same id
 * fail loudly instead of misreading each other's bytes.
 */
import type { Schema } from './schema.js';

/** Bumped whenever the wire layout itself changes, so old and new encoders never agree. */
const WIRE_VERSION = 'zs1';

/**
 * The canonical description: field names, order and kinds, union tags and variant order.
 * Example: `struct{id:u32,name:utf8,xs:vec<f64>,o:opt<u8>}`.
 */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'array':
      return `array<${schema.element},${schema.length}>`;
    case 'vec':
      return `vec<${schema.element}>`;
    case 'optional':
      return `opt<${describeSchema(schema.inner)}>`;
    case 'struct':
      return `struct{${Object.entries(schema.fields)
        .map(([name, field]) => `${name}:${describeSchema(field)}`)
        .join(',')}}`;
    case 'union':
      return `union<${JSON.stringify(schema.tag)}>{${Object.entries(schema.variants)
        .map(([name, variant]) => `${JSON.stringify(name)}:${describeSchema(variant)}`)
        .join(',')}}`;
    default:
      return schema.kind;
  }
}

/** 32-bit FNV-1a over the UTF-16 code units of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The fingerprint written in a frame header for `schema`. */
export function schemaFingerprint(schema: Schema): number {
  return fnv1a32(`${WIRE_VERSION}:${describeSchema(schema)}`);
}
