/**
 * Errors for values that do not match their schema's shape. Encoders trust the static type
 * for scalars (numbers are converted the way DataView setters convert them) and only check
 * what would otherwise produce bytes no decoder could read back.
 */
import { SerializerError } from './errors.js';

const WHERE = 'codec.encode';

function subject(typeName: string, field: string): string {
  return field === '' ? typeName : `${typeName}.${field}`;
}

export function badArrayLength(
  typeName: string,
  field: string,
  expected: number,
  actual: number,
): SerializerError {
  return new SerializerError(
    WHERE,
    'BAD_VALUE',
    `${subject(typeName, field)}: a fixed array of ${expected} elements got ${actual}`,
  );
}

export function badTag(
  typeName: string,
  field: string,
  tag: string,
  value: unknown,
): SerializerError {
  return new SerializerError(
    WHERE,
    'BAD_VALUE',
    `${subject(typeName, field)}: ${JSON.stringify(tag)} is ${String(value)}, not one of the union's variants`,
  );
}

export function badOffset(typeName: string, offset: number): SerializerError {
  return new SerializerError(
    WHERE,
    'INVALID_ARGUMENT',
    `${typeName}: offset (${offset}) must be a non-negative integer`,
  );
}
