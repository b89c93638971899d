import { SerializerError } from './errors.js';
import {
  ARRAY_SLOT,
  PRESENCE_BYTES,
  REF_SLOT,
  SCALAR_BYTES,
  UNION_SLOT,
  UNION_TAG_BYTES,
  VARIABLE_SLOT,
} from './layout.js';
import type { MessageSchema, NumericKind, PrimitiveKind, Schema, StructSchema } from './schema.js';

/**
 * A schema resolved to wire positions (see layout.ts). Both codec back ends (generated source
 * and composed closures) are driven by this one plan, so they cannot disagree on the layout.
 * `offset` is relative to the enclosing frame base: the body base, or a union variant's base.
 */
export type PlanNode =
  | {
      readonly kind: 'scalar';
      readonly scalar: PrimitiveKind;
      readonly offset: number;
      readonly path: string;
    }
  | { readonly kind: 'ref'; readonly offset: number; readonly path: string }
  | { readonly kind: 'utf8'; readonly offset: number; readonly path: string }
  | { readonly kind: 'bytes'; readonly offset: number; readonly path: string }
  | {
      readonly kind: 'array';
      readonly element: NumericKind;
      readonly length: number;
      readonly offset: number;
      readonly path: string;
    }
  | {
      readonly kind: 'vec';
      readonly element: NumericKind;
      readonly offset: number;
      readonly path: string;
    }
  | StructPlan
  | {
      readonly kind: 'optional';
      readonly inner: PlanNode;
      readonly size: number;
      readonly offset: number;
      readonly path: string;
    }
  | UnionPlan;

export interface PlanField {
  readonly name: string;
  readonly node: PlanNode;
}

export interface StructPlan {
  readonly kind: 'struct';
  readonly fields: readonly PlanField[];
  /** Bytes of the fixed part. */
  readonly size: number;
  readonly offset: number;
  readonly path: string;
  /** Whether anything below writes to the tail. */
  readonly variable: boolean;
}

export interface UnionVariantPlan {
  readonly name: string;
  readonly index: number;
  /** Offsets relative to the variant base: the block start + the tag byte. */
  readonly body: StructPlan;
  /** Tag byte plus the variant's fixed part. */
  readonly blockSize: number;
}

export interface UnionPlan {
  readonly kind: 'union';
  readonly tag: string;
  readonly variants: readonly UnionVariantPlan[];
  /** The slot holding the block's tail offset; -1 for a root union (block at base + 0). */
  readonly offset: number;
  readonly path: string;
}

export type MessagePlan = StructPlan | UnionPlan;

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function slotSize(schema: Schema): number {
  switch (schema.kind) {
    case 'ref':
      return REF_SLOT;
    case 'utf8':
    case 'bytes':
    case 'vec':
      return VARIABLE_SLOT;
    case 'array':
      return ARRAY_SLOT;
    case 'union':
      return UNION_SLOT;
    case 'optional':
      return PRESENCE_BYTES + slotSize(schema.inner);
    case 'struct': {
      let size = 0;
      for (const field of Object.values(schema.fields)) size += slotSize(field);
      return size;
    }
    default:
      return SCALAR_BYTES[schema.kind];
  }
}

function isVariable(node: PlanNode): boolean {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return false;
    case 'struct':
      return node.variable;
    case 'optional':
      return isVariable(node.inner);
    default:
      return true;
  }
}

function planNode(schema: Schema, offset: number, path: string): PlanNode {
  switch (schema.kind) {
    case 'ref':
    case 'utf8':
    case 'bytes':
      return { kind: schema.kind, offset, path };
    case 'array':
      return { kind: 'array', element: schema.element, length: schema.length, offset, path };
    case 'vec':
      return { kind: 'vec', element: schema.element, offset, path };
    case 'struct':
      return planStruct(schema, offset, path);
    case 'optional':
      return {
        kind: 'optional',
        inner: planNode(schema.inner, offset + PRESENCE_BYTES, path),
        size: slotSize(schema),
        offset,
        path,
      };
    case 'union':
      return planUnion(schema, offset, path);
    default:
      return { kind: 'scalar', scalar: schema.kind, offset, path };
  }
}

function planStruct(schema: StructSchema, offset: number, path: string): StructPlan {
  const fields: PlanField[] = [];
  let at = offset;
  let variable = false;
  for (const [name, field] of Object.entries(schema.fields)) {
    const node = planNode(field, at, join(path, name));
    fields.push({ name, node });
    variable ||= isVariable(node);
    at += slotSize(field);
  }
  return { kind: 'struct', fields, size: at - offset, offset, path, variable };
}

function planUnion(
  schema: MessageSchema & { kind: 'union' },
  offset: number,
  path: string,
): UnionPlan {
  const variants = Object.entries(schema.variants).map(([name, body], index) => ({
    name,
    index,
    body: planStruct(body, 0, path),
    blockSize: UNION_TAG_BYTES + slotSize(body),
  }));
  return { kind: 'union', tag: schema.tag, variants, offset, path };
}

/** Resolves a message schema (a struct or a union) to wire positions. */
export function planMessage(schema: MessageSchema): MessagePlan {
  if (schema?.kind === 'struct') return planStruct(schema, 0, '');
  if (schema?.kind === 'union') return planUnion(schema, -1, '');
  throw new SerializerError(
    'codec',
    'INVALID_SCHEMA',
    `a codec is compiled from a t.struct or a t.union, got ${String((schema as Schema | undefined)?.kind)}`,
  );
}

/** Whether encoding or decoding needs byte access (strings, bytes, arrays, optional slots). */
export function usesBytes(node: PlanNode): boolean {
  switch (node.kind) {
    case 'scalar':
    case 'ref':
      return false;
    case 'struct':
      return node.fields.some((field) => usesBytes(field.node));
    case 'union':
      return node.variants.some((variant) => usesBytes(variant.body));
    default:
      return true;
  }
}
