import { LineCounter, parseAllDocuments } from 'yaml';
import { DiffError } from './diff-error.js';

/** Every document of a YAML file as plain data; a syntax error names the file and line. Empty documents are skipped. */
export function parseYamlDocuments(file: string, content: string): unknown[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(content, { lineCounter: lines, uniqueKeys: true });
  const values: unknown[] = [];
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      throw new DiffError(`${file}:${line}:${col}: not valid YAML: ${error.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** JSON.parse with an error that names the file and line instead of a character offset. */
export function parseJsonFile(file: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? content.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new DiffError(`${file}${line === undefined ? '' : `:${line}`}: not valid JSON: ${message}`);
  }
}
