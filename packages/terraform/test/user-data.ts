import { parse } from 'yaml';

/** A cloud-config document as data, and its runcmd as shell lines, for assertions about order. */
export function readUserData(text: string): { doc: Record<string, any>; commands: string[]; files: Map<string, string> } {
  const doc = parse(text) as Record<string, any>;
  const commands = (doc.runcmd ?? []).map((c: string | string[]) => (Array.isArray(c) ? c.join(' ') : c));
  const files = new Map<string, string>((doc.write_files ?? []).map((f: { path: string; content: string }) => [f.path, f.content]));
  return { doc, commands, files };
}

/** Index of the first command containing `text`; fails the test when there is none. */
export function step(commands: readonly string[], text: string): number {
  const i = commands.findIndex((c) => c.includes(text));
  if (i === -1) throw new Error(`no command contains "${text}":\n${commands.join('\n')}`);
  return i;
}
