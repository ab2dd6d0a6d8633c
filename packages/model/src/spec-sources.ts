import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type * as TS from 'typescript';
import type { SourceLocation } from './finding.js';

/**
 * Where each value of a cluster description was written. A cluster file composes layers
 * (profiles, then its own overrides) with composeCluster, which records the layers of each
 * result; the files are parsed with the TypeScript compiler, and each layer's object literal is
 * walked alongside the layer's value. A JSON Pointer of the composed spec is looked up in the
 * layers from the last to the first, as composeCluster merges them (named list items by name),
 * so it names the file, line and column of the layer that supplied the value. A value written
 * by code (a helper's result, a spread) points at the expression that produced it.
 */

/**
 * Shared by every copy of this module: cluster files are loaded in a module namespace of their
 * own (load.ts), so the composeCluster they call is another instance than the compiler's.
 */
const layersOf: WeakMap<object, readonly unknown[]> = ((globalThis as { [key: symbol]: unknown })[Symbol.for('wavesmith.composed-layers')] ??= new WeakMap()) as WeakMap<
  object,
  readonly unknown[]
>;

/** Called by composeCluster: `result` was merged from `layers`, in this order. */
export function recordLayers(result: object, layers: readonly unknown[]): void {
  layersOf.set(result, layers);
}

/** The layers `value` was composed from, if composeCluster made it. */
export function composedLayers(value: unknown): readonly unknown[] | undefined {
  return typeof value === 'object' && value !== null ? layersOf.get(value) : undefined;
}

export interface SpecSources {
  /**
   * Where the value at `pointer` of the composed spec was written, or the deepest part of the
   * pointer that was written (the `network:` of a missing `network.cidr`); `exact` says which.
   */
  locate(pointer: string): { readonly location: SourceLocation; readonly exact: boolean } | undefined;
}

type Ts = typeof TS;
let typescript: Ts | undefined;

/**
 * The sources of a cluster: `exported` is the default export of `file` (relative to `root`),
 * `spec` the validated spec the pointers index (names of list items are read from it).
 * TypeScript is loaded on first use only, when a finding needs a place.
 */
export function specSources(root: string, file: string, exported: unknown, spec: unknown): SpecSources {
  // Required, not imported: an import of the CommonJS compiler scans all of it for named exports
  // first, which doubles the time it takes to load (about 0.35 s more, in the thread of a build).
  typescript ??= createRequire(import.meta.url)('typescript') as Ts;
  const ts = typescript;
  const parsed = new Map<string, TS.SourceFile | undefined>();
  const parse = (path: string): TS.SourceFile | undefined => {
    if (!parsed.has(path)) {
      parsed.set(path, existsSync(path) ? ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true) : undefined);
    }
    return parsed.get(path);
  };
  const absolute = resolve(root, file);
  const source = parse(absolute);
  const top = source === undefined ? undefined : defaultExport(ts, source);
  const origin: Origin | undefined = top === undefined ? undefined : originOf(ts, top, exported, parse);
  const where = (node: TS.Node): SourceLocation => {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file: relative(root, sf.fileName), line: line + 1, column: character + 1 };
  };
  return {
    locate(pointer) {
      const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const hit = origin === undefined ? undefined : find(ts, origin, exported, spec, segments, parse);
      if (hit === undefined) return source === undefined ? undefined : { location: { file }, exact: false };
      return { location: where(hit.node), exact: hit.depth === segments.length };
    },
  };
}

/** A layer as written: composed of layers (composeCluster), or an expression in a file. */
type Origin = { readonly kind: 'layers'; readonly layers: readonly { readonly origin: Origin; readonly value: unknown }[] } | { readonly kind: 'node'; readonly node: TS.Expression };

type Parse = (path: string) => TS.SourceFile | undefined;

interface Hit {
  readonly node: TS.Node;
  /** How many segments of the pointer the node is at. */
  readonly depth: number;
}

function unwrap(ts: Ts, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** The expression a name stands for: a `const` of the file, or one imported from a relative module. */
function declaration(ts: Ts, name: string, sf: TS.SourceFile, parse: Parse): TS.Expression | undefined {
  for (const statement of sf.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('.')) {
      const clause = statement.importClause;
      const target = () => parse(join(dirname(sf.fileName), statement.moduleSpecifier.getText(sf).slice(1, -1).replace(/\.js$/, '.ts')));
      if (clause?.name?.text === name) {
        const other = target();
        return other === undefined ? undefined : defaultExport(ts, other);
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const element = bindings.elements.find((e) => e.name.text === name);
        const other = element === undefined ? undefined : target();
        if (element !== undefined && other !== undefined) return declaration(ts, (element.propertyName ?? element.name).text, other, parse);
      }
    }
  }
  return undefined;
}

function defaultExport(ts: Ts, sf: TS.SourceFile): TS.Expression | undefined {
  const assignment = sf.statements.find((s): s is TS.ExportAssignment => ts.isExportAssignment(s) && !s.isExportEquals);
  return assignment?.expression;
}

/** How `value` came to be from `expression`: composed of layers, or written there. */
function originOf(ts: Ts, expression: TS.Expression, value: unknown, parse: Parse): Origin {
  const node = unwrap(ts, expression);
  if (ts.isIdentifier(node)) {
    const declared = declaration(ts, node.text, node.getSourceFile(), parse);
    if (declared !== undefined) return originOf(ts, declared, value, parse);
  }
  const layers = composedLayers(value);
  if (layers !== undefined && ts.isCallExpression(node) && node.arguments.length === layers.length && !node.arguments.some((a) => ts.isSpreadElement(a))) {
    return { kind: 'layers', layers: layers.map((layer, i) => ({ value: layer, origin: originOf(ts, node.arguments[i]!, layer, parse) })) };
  }
  return { kind: 'node', node };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The index in `list` of the item that `composed[index]` was merged from: by name for named lists, else the same index. */
function itemIndex(list: unknown, composed: unknown, index: number): number {
  if (!Array.isArray(list)) return -1;
  const item = Array.isArray(composed) ? (composed[index] as unknown) : undefined;
  const name = isObject(item) ? item.name : undefined;
  if (typeof name !== 'string') return index < list.length ? index : -1;
  const occurrence = (composed as unknown[]).slice(0, index).filter((c) => isObject(c) && c.name === name).length;
  let seen = 0;
  for (let i = 0; i < list.length; i++) {
    const candidate = list[i] as unknown;
    if (isObject(candidate) && candidate.name === name && seen++ === occurrence) return i;
  }
  return -1;
}

/**
 * The deepest place `segments` reaches in a layer (or, through its layers, in the last layer
 * that has it). `value` is the layer's value and `composed` the spec's value at the same place.
 */
function find(ts: Ts, origin: Origin, value: unknown, composed: unknown, segments: readonly string[], parse: Parse): Hit | undefined {
  if (origin.kind === 'layers') {
    let best: Hit | undefined;
    for (const layer of [...origin.layers].reverse()) {
      const hit = find(ts, layer.origin, layer.value, composed, segments, parse);
      if (hit !== undefined && hit.depth === segments.length) return hit;
      if (hit !== undefined && (best === undefined || hit.depth > best.depth)) best = hit;
    }
    return best;
  }
  return walk(ts, origin.node, value, composed, segments, 0, parse);
}

function walk(ts: Ts, expression: TS.Expression, value: unknown, composed: unknown, segments: readonly string[], depth: number, parse: Parse): Hit | undefined {
  const node = unwrap(ts, expression);
  if (depth === segments.length) return { node, depth };
  const origin = originOf(ts, node, value, parse);
  if (origin.kind === 'layers' || origin.node !== node) {
    const inner = find(ts, origin, value, composed, segments.slice(depth), parse);
    return inner === undefined ? undefined : { node: inner.node, depth: depth + inner.depth };
  }
  const segment = segments[depth]!;
  if (ts.isObjectLiteralExpression(node)) {
    if (!isObject(value) || Array.isArray(value) || !(segment in value)) return { node, depth };
    const property = [...node.properties].reverse().find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(ts, p.name) === segment);
    const next = isObject(composed) ? composed[segment] : undefined;
    if (property !== undefined && ts.isPropertyAssignment(property)) {
      const inner = walk(ts, property.initializer, value[segment], next, segments, depth + 1, parse);
      // Short of the pointer inside the value: the property itself is the deepest place written.
      return inner === undefined || inner.depth === depth + 1 ? { node: property, depth: Math.max(inner?.depth ?? 0, depth + 1) } : inner;
    }
    if (property !== undefined && ts.isShorthandPropertyAssignment(property)) {
      // `{ network }`: the value was written where the name is declared, when it is ours.
      const declared = declaration(ts, property.name.text, property.getSourceFile(), parse);
      const inner = declared === undefined ? undefined : walk(ts, declared, value[segment], next, segments, depth + 1, parse);
      return inner !== undefined && inner.depth > depth + 1 ? inner : { node: property, depth: depth + 1 };
    }
    // A spread: the value was written where that expression is.
    const spread = [...node.properties].reverse().find((p) => ts.isSpreadAssignment(p));
    const place = property ?? spread;
    return place === undefined ? { node, depth } : { node: place, depth: depth + 1 };
  }
  if (ts.isArrayLiteralExpression(node)) {
    const index = itemIndex(value, composed, Number(segment));
    if (index === -1) return { node, depth };
    if (node.elements.some((e) => ts.isSpreadElement(e))) return { node, depth: depth + 1 };
    const element = node.elements[index];
    if (element === undefined) return { node, depth };
    const next = Array.isArray(composed) ? (composed[Number(segment)] as unknown) : undefined;
    return walk(ts, element, (value as unknown[])[index], next, segments, depth + 1, parse) ?? { node: element, depth: depth + 1 };
  }
  // Any other expression (a call, a variable from elsewhere): the value was produced here.
  return { node, depth: hasPath(value, segments.slice(depth)) ? segments.length : depth };
}

function propertyName(ts: Ts, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function hasPath(value: unknown, segments: readonly string[]): boolean {
  let current = value;
  for (const s of segments) {
    if (!isObject(current) || !(s in current)) return false;
    current = current[s];
  }
  return true;
}
