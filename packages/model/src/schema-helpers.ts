import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/**
 * A string restricted to a fixed set of values, emitted as a JSON Schema `enum` (not TypeBox's
 * anyOf-of-consts) so that a wrong value yields one error listing every allowed value.
 */
export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

/** `x-allowed` is read by the validator to say what a field accepts when its value is rejected. */
export const allowed = (text: string): { 'x-allowed': string } => ({ 'x-allowed': text });

export const DnsLabel = Type.String({
  pattern: '^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$',
  ...allowed('a DNS-1123 label: 1 to 40 lowercase letters, digits or "-", starting with a letter, not ending with "-"'),
});

export const Cidr = Type.String({ format: 'ipv4-cidr' });

export const Labels = Type.Record(Type.String({ pattern: '^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$' }), Type.String({ maxLength: 63 }), {
  ...allowed('a map of Kubernetes label keys to values of at most 63 characters'),
});
