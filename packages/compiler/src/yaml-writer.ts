/**
 * A direct writer of canonical YAML: one pass over the value, no document objects.
 *
 * It emits exactly what `yaml` 2.9.1 prints for a canonical copy of the value with
 * `{ lineWidth: 0, aliasDuplicateObjects: false }` (core schema, YAML 1.2, block style), the
 * bytes our committed output was first written in, at about a fifth of the cost. The scalar
 * rules below follow yaml's stringifyString / stringifyPair / stringifyCollection, trimmed to
 * those options; test/yaml-writer.test.ts checks byte equality against `yaml` itself.
 */

/** Fields Kubernetes readers expect first; everything else, at every depth, is sorted (as kustomize does). */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/**
 * The defined entries of an object in canonical order: at depth 0 apiVersion, kind and metadata
 * first, then every key by code unit. Keys that are array indices ("0", "42") come before all
 * others in ascending number, because that is the order JavaScript itself keeps them in any
 * object, and so the order of a canonical copy made with Object.fromEntries.
 */
export function canonicalEntries(value: object, depth: number): [string, unknown][] {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.sort(([a], [b]) => compareKeys(a, b, depth));
}

function compareKeys(a: string, b: string, depth: number): number {
  const ia = arrayIndex(a);
  const ib = arrayIndex(b);
  if (ia !== -1 || ib !== -1) return ia === -1 ? 1 : ib === -1 ? -1 : ia - ib;
  return keyRank(a, depth) - keyRank(b, depth) || (a < b ? -1 : a > b ? 1 : 0);
}

function keyRank(key: string, depth: number): number {
  const i = depth === 0 ? LEADING_KEYS.indexOf(key) : -1;
  return i === -1 ? LEADING_KEYS.length : i;
}

/** The key as an ECMAScript array index (a canonical integer below 2^32 - 1), or -1. */
function arrayIndex(key: string): number {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57 || key.length > 10 || (c === 48 && key.length > 1) || !/^\d+$/.test(key)) return -1;
  const n = Number(key);
  return n < 4294967295 ? n : -1;
}

/** One YAML document (ending in a newline) for a JSON-like value, keys in canonical order. */
export function canonicalYaml(value: unknown): string {
  return `${node(value, '', 0, '$')}\n`;
}

/**
 * The text of a value whose first line continues after a key or `- ` (or starts the document);
 * later lines start with `indent`, the indentation of the collection holding the value.
 */
function node(value: unknown, indent: string, depth: number, path: string): string {
  if (typeof value === 'string') return stringScalar(value, indent, false);
  if (value === null || value === undefined) return 'null'; // undefined list items print as null, as in yaml
  if (typeof value === 'number') return numberScalar(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return String(value);
  if (typeof value !== 'object') throw new TypeError(`cannot write ${typeof value} as YAML at ${path}`);
  if (Array.isArray(value)) return sequence(value, indent, depth, path);
  return mapping(value, indent, depth, path);
}

function sequence(items: readonly unknown[], indent: string, depth: number, path: string): string {
  if (items.length === 0) return '[]';
  const itemIndent = `${indent}  `;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += `\n${indent}`;
    out += `- ${node(items[i], itemIndent, depth + 1, `${path}[${i}]`)}`;
  }
  return out;
}

function mapping(value: object, indent: string, depth: number, path: string): string {
  const entries = canonicalEntries(value, depth);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  let out = '';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    if (i > 0) out += `\n${indent}`;
    const keyText = stringScalar(key, inner, true);
    const itemText = node(item, inner, depth + 1, `${path}.${key}`);
    // yaml makes a key longer than 1024 characters explicit (`? key` then `: value`).
    if (keyText.length > 1024) out += `? ${keyText}\n${indent}: ${itemText}`;
    else if (isBlockCollection(item)) out += `${keyText}:\n${inner}${itemText}`;
    else out += `${keyText}: ${itemText}`;
  }
  return out;
}

/** A non-empty list or map, written on the lines below its key; empty ones are `[]` and `{}` after it. */
function isBlockCollection(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  for (const key in value) if (Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined) return true;
  return false;
}

function numberScalar(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  return Object.is(value, -0) ? '-0' : JSON.stringify(value);
}

/** Control characters and unpaired surrogates can only be written double-quoted. */
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Text a plain scalar cannot have: indicators first, `: ` or ` #` inside, space or `:` last, ... */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** What the YAML 1.2 core schema reads as null, a boolean, an integer or a float. */
const CORE_NON_STRING =
  /^(?:~|[Nn]ull|NULL)?$|^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$|^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Lines that a YAML 1.1 reader would take as a directive or document marker. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/**
 * A string as a scalar at `indent` (the indentation of its own lines, two past its holder's).
 * `key` marks a mapping key, which must stay on one line.
 */
function stringScalar(value: string, indent: string, key: boolean): string {
  if (NEEDS_ESCAPE.test(value)) return doubleQuoted(value, indent, key);
  const multiLine = value.includes('\n');
  if (key && multiLine) return quoted(value, indent, key);
  if (NOT_PLAIN.test(value)) return key || !multiLine ? quoted(value, indent, key) : blockScalar(value, indent, false);
  if (multiLine) return blockScalar(value, indent, false);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') return blockScalar(value, indent, true); // only a top-level string has no indentation
    if (key && indent === '  ') return quoted(value, indent, key);
  }
  return CORE_NON_STRING.test(value) ? quoted(value, indent, key) : value;
}

/** Single quotes when the text has double quotes only, else double quotes. */
function quoted(value: string, indent: string, key: boolean): string {
  return value.includes('"') && !value.includes("'") ? singleQuoted(value, indent, key) : doubleQuoted(value, indent, key);
}

function singleQuoted(value: string, indent: string, key: boolean): string {
  if ((key && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, key);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`)}'`;
}

/**
 * Escapes YAML spells shorter than JSON's \u form. JSON.stringify writes \u only below U+0020
 * and for unpaired surrogates, so yaml's \N, \_, \L and \P never apply.
 */
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e' };

/**
 * JSON's escaping with YAML's short escapes; outside keys, a string of 40 or more characters
 * breaks its lines after each newline escape (an empty line stands for the folded newline).
 */
function doubleQuoted(value: string, indent: string, key: boolean): string {
  const json = JSON.stringify(value);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let out = '';
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    let ch = json[i];
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a line break is escaped so that folding keeps it.
      out += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      out += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      out += SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n' && !key && json[i + 2] !== '"' && json.length >= 40) {
      out += `${json.slice(start, i)}\n\n`;
      while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
        out += '\n';
        i += 2;
      }
      out += lineIndent;
      if (json[i + 2] === ' ') out += '\\'; // and a space after one
      i += 1;
      start = i + 1;
    } else {
      i += 1;
    }
  }
  return start ? out + json.slice(start) : json;
}

/**
 * A literal block scalar (`|`), its chomping indicator from the trailing newlines, an
 * indentation indicator when the text starts with a space. Text ending in a line of only
 * spaces cannot be a block and is quoted. `forceIndent`: a top-level string resembling a
 * document marker is indented by two.
 */
function blockScalar(text: string, indent: string, forceIndent: boolean): string {
  if (/\n[\t ]+$/.test(text)) return quoted(text, indent, false);
  const lineIndent = indent || (forceIndent || DOCUMENT_MARKER.test(text) ? '  ' : '');
  let endStart = text.length;
  while (endStart > 0) {
    const ch = text[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    endStart--;
  }
  let end = text.substring(endStart);
  const endNewline = end.indexOf('\n');
  const chomp = endNewline === -1 ? '-' : text === end || endNewline !== end.length - 1 ? '+' : '';
  let body = text;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(/(^|(?<!\n))\n+(?!\n|$)/g, `$&${lineIndent}`);
  }
  let startsWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < body.length; startEnd++) {
    const ch = body[startEnd];
    if (ch === ' ') startsWithSpace = true;
    else if (ch === '\n') startNewline = startEnd;
    else break;
  }
  let start = body.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  const header = (startsWithSpace ? (lineIndent ? '2' : '1') : '') + chomp;
  return `|${header}\n${lineIndent}${start}${body.replace(/\n+/g, `$&${lineIndent}`)}${end}`;
}
