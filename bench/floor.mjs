// @ts-check
/**
 * The benchmark's floor: the least any tool must do to produce the same output, serialise the
 * same objects with js-yaml and write the files. Plain JavaScript, so that no TypeScript loader
 * is part of it. The benchmark prepares INPUT (untimed) from a build's output.
 *
 * Usage: node bench/floor.mjs INPUT.json OUT_DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dump } from 'js-yaml';

const [input, out] = process.argv.slice(2);
if (input === undefined || out === undefined) throw new Error('usage: node bench/floor.mjs INPUT.json OUT_DIR');
/** @type {import('./output-tree.js').FloorFile[]} */
const files = JSON.parse(readFileSync(input, 'utf8'));
const made = new Set();
for (const file of files) {
  const path = join(out, file.path);
  const dir = dirname(path);
  if (!made.has(dir)) mkdirSync(dir, { recursive: true });
  made.add(dir);
  const content =
    'objects' in file
      ? file.objects.map((object) => dump(object, { lineWidth: -1, noRefs: true })).join('---\n')
      : 'json' in file
        ? `${JSON.stringify(file.json, null, 2)}\n`
        : file.text;
  writeFileSync(path, content);
}
