import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { loadClusters } from '@wavesmith/model';
import { loadRegistry } from '../src/registry.js';
import { renderCluster } from '../src/render-cluster.js';
import { canonical, toYaml } from '../src/serialize.js';
import { canonicalEntries, canonicalYaml } from '../src/yaml-writer.js';

// Every object the renderer serialises passes through toYaml; record them.
vi.mock(import('../src/serialize.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, toYaml: vi.fn(original.toYaml) };
});

/** What our output was first written with, and what the writer must match byte for byte. */
const yamlLibrary = (value: unknown) => stringify(canonical(value), { lineWidth: 0, aliasDuplicateObjects: false });

const repo = fileURLToPath(new URL('../../..', import.meta.url));

describe('canonicalYaml', () => {
  it('writes every object of every cluster in clusters/ exactly as the yaml library does', async () => {
    const registry = await loadRegistry(repo);
    const clusters = await loadClusters(repo, registry);
    for (const { spec } of clusters) await renderCluster(spec, registry);
    const objects = vi.mocked(toYaml).mock.calls.flatMap(([batch]) => batch);
    // Hundreds of objects from every cluster, so the comparison below is not an empty loop.
    expect(objects.length).toBeGreaterThan(200);
    const differing = objects.filter((o) => canonicalYaml(o) !== yamlLibrary(o)).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(differing).toEqual([]);
  });

  it.each<[string, unknown[]]>([
    ['an empty string', ['']],
    ['strings read as other types', ['null', 'Null', '~', 'true', 'FALSE', '1', '-1', '+7', '1.5', '.5', '1e3', '0x1F', '0o17', '.inf', '-.Inf', '.nan', 'yes', 'on']],
    ['strings with leading or trailing spaces', [' a', 'a ', '\t', ' ']],
    ['strings with indicators', ['- a', '-', '?', ':', 'a: b', 'a:', 'a #b', '#a', '[x]', '{x}', ',x', '&a', '*a', '!a', '|a', '>a', "'a", '"a', '%a', '@a', '`a', '-a', 'a-b', 'a:b', 'a#b']],
    ['strings with both kinds of quote', ["it's", 'say "hi"', `'"`, `"it's"`]],
    ['document markers', ['---', '--- a', '...', '---x', 'a\n---\nb', { '---x': 1, m: { '---y': 2 } }]],
    ['multi-line strings', ['a\nb', 'a\n', 'a\n\n', '\n', '\n\n', ' a\nb', '\n a\nb\n', 'a\n ', 'a\n\tb', 'a\r\nb', 'x\n  \n', ' lead\nx\n\n\n']],
    // yaml breaks a double-quoted string at its newlines from 40 characters of JSON on: 39 and 40 here.
    ['long strings with escapes and newlines', [`\u0001${'x'.repeat(28)}\nb`, `\u0001${'x'.repeat(29)}\nb`, `${'x'.repeat(45)}\n\n y\u0001`, `${'a '.repeat(30)}\n b\n`, `"${'q'.repeat(40)}"\n 'x`]],
    ['control characters and unpaired surrogates', ['\u0000', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ud800', 'a\u0001b']],
    ['unicode text', ['é', '日本語', '😀 ok', 'naïve: yes']],
    ['numbers, booleans and null', [0, -0, 1.5, -2, 1e21, 1e-7, 12345678901234567890, NaN, Infinity, -Infinity, true, false, null]],
    ['empty collections', [[], {}, [[], {}, [[]]]]],
    ['nested lists of maps', [[{ name: 'a', ports: [{ port: 80 }, { port: 443, names: ['h', 'i'] }] }, [{ x: [] }]]]],
    ['keys that need quoting', [{ 'a: b': 1, '': 2, 'x\ny': 3, null: 4, '1': 5, '- k': 6, "k'": 7, '#k': 8, 'é': 9 }]],
    ['keys longer than 1024 characters', [{ ['k'.repeat(1030)]: 1, ['m'.repeat(1030)]: { a: 1 }, ['n'.repeat(1030)]: [1, 2], ['o'.repeat(1030)]: {} }]],
  ])('writes %s exactly as the yaml library does, at the top, in a map and in nested lists', (_, values) => {
    for (const value of values) {
      for (const placed of [value, { key: value }, [value], { a: { b: [[value]] } }]) {
        expect(canonicalYaml(placed), JSON.stringify(placed)).toBe(yamlLibrary(placed));
      }
    }
  });

  it('puts keys that are array indices first in ascending number, as JavaScript orders them in the canonical copy', () => {
    const value = { b: 1, '10': 2, '9': 3, apiVersion: 'v1', '01': 4, '4294967294': 5, '4294967295': 6, kind: 'K' };
    expect(canonicalEntries(value, 0).map(([k]) => k)).toEqual(['9', '10', '4294967294', 'apiVersion', 'kind', '01', '4294967295', 'b']);
    expect(canonicalYaml(value)).toBe(yamlLibrary(value));
  });

  it('writes undefined list items as null and drops undefined fields', () => {
    const value = { list: [undefined, 1], gone: undefined, only: { gone: undefined } };
    expect(canonicalYaml(value)).toBe('list:\n  - null\n  - 1\nonly: {}\n');
    expect(canonicalYaml(value)).toBe(yamlLibrary(value));
  });

  it('rejects values that are not data, naming where they are', () => {
    expect(() => canonicalYaml({ spec: { hooks: [() => 1] } })).toThrow('cannot write function as YAML at $.spec.hooks[0]');
    expect(() => canonicalYaml({ id: Symbol('x') })).toThrow('cannot write symbol as YAML at $.id');
  });
});

describe('canonicalYaml on generated values', () => {
  const outputs: string[] = [];

  it.each([1, 2, 3, 4, 5])('writes the values generated from seed %i exactly as the yaml library does', (seed) => {
    fc.assert(
      fc.property(jsonLike, (value) => {
        const written = canonicalYaml(value);
        outputs.push(written);
        expect(written).toBe(yamlLibrary(value));
      }),
      { seed, numRuns: 600 },
    );
  });

  it('generates values that reach every way of writing a scalar', () => {
    const all = outputs.join('\n');
    const ways: Record<string, RegExp> = {
      'literal block, strip': /\|-\n/,
      'literal block, clip': /\|\n/,
      'literal block, keep': /\|\+\n/,
      'literal block with an indentation indicator': /\|[12][-+]?\n/,
      'single quotes': /'[^'\n]*"/,
      'double quotes': /"/,
      'double quotes over several lines': /"[^"\n]*\n\n/,
      'a short escape': /\\[0ave]/,
      'a hex escape': /\\x[0-9a-f]{2}/,
      'an explicit key': /^\s*\? /m,
      'an empty map': /\{\}/,
      'an empty list': /\[\]/,
      'a list in a list': /- - /,
      'a top-level apiVersion': /^apiVersion: /m,
    };
    const missing = Object.entries(ways).filter(([, pattern]) => !pattern.test(all)).map(([name]) => name);
    expect(outputs.length).toBeGreaterThanOrEqual(5 * 600);
    expect(missing).toEqual([]);
  });
});

/** Pieces that decide how a scalar is written: indicators, spaces, newlines, lookalikes of other types, escapes, unicode. */
const PIECES = [
  'a', 'name', 'x-y', 'v1', ' ', '  ', '\t', '\n', '\n\n', '\r', ':', ': ', '#', ' #', '-', '- ', '?', ',', '[', ']', '{', '}',
  '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '---', '...', 'true', 'False', 'null', '~', '0', '12', '-3', '1.5', '.5',
  'e3', '0x1f', '0o7', '.inf', '.nan', '\\', '\u0000', '\u0001', '\b', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', 'é', '日本',
  '😀', '\ud800', 'x'.repeat(40),
];

const text = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.nat(30).map(String) }, // keys that are array indices
  { weight: 1, arbitrary: fc.integer({ min: 1018, max: 1030 }).map((n) => 'k'.repeat(n)) }, // around yaml's 1024-character key limit
);

/** JSON values built from those strings, any numbers, and maps that sometimes look like Kubernetes objects. */
const { jsonLike } = fc.letrec<{ jsonLike: unknown }>((tie) => ({
  jsonLike: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.integer(),
    fc.constantFrom(true, false, null),
    fc.array(tie('jsonLike'), { maxLength: 4 }),
    fc.dictionary(text, tie('jsonLike'), { maxKeys: 4 }),
    fc.record({ apiVersion: fc.constant('v1'), kind: text, metadata: fc.record({ name: text }), spec: tie('jsonLike') }),
  ),
}));
