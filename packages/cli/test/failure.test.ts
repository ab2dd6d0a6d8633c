import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FileSystemError, ForeignJournalError, MissingRenderError, OutputLockedError, StaleBuildError } from '@wavesmith/compiler';
import { ClusterSpecError } from '@wavesmith/model';
import { describeFailure } from '../src/failure.js';
import { UsageError } from '../src/usage.js';

const errno = (code: string, syscall: string, path: string) => Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

describe('describeFailure', () => {
  it('exits 1 on bad input, saying nothing was written', () => {
    const error = new ClusterSpecError([{ rule: 'schema-type', severity: 'error', cluster: 'a', source: { file: 'clusters/a.ts', line: 2, column: 3 }, path: '/name', message: 'got 1; allowed: a string' }]);
    expect(error.message).toBe('1 problem in cluster descriptions:\n  - clusters/a.ts:2:3: error [schema-type] cluster a /name: got 1; allowed: a string');
    expect(describeFailure(error, '/repo')).toEqual({ message: `${error.message}\nNothing was written.`, code: 1 });
  });

  it('exits 2 on wrong usage, with the help', () => {
    expect(describeFailure(new UsageError('unknown command "x"', 'Usage: wavesmith'), '/repo')).toEqual({ message: 'unknown command "x"\n\nUsage: wavesmith', code: 2 });
  });

  it('exits 3 when another build holds the lock', () => {
    const owner = { pid: 42, host: hostname(), command: 'wavesmith build', since: '2025-01-01T00:00:00.000Z', id: 'x' };
    expect(describeFailure(new OutputLockedError(owner, 60_000), '/repo')).toMatchObject({
      message: expect.stringMatching(/^another build holds \.wavesmith-lock: process 42 \(wavesmith build\).*\. Nothing was written\.$/),
      code: 3,
    });
  });

  it('exits 3 when the file system refuses, naming the path inside the repository', () => {
    const refused = new FileSystemError('write', 'dist/a.yaml', errno('ENOSPC', 'write', '/repo/dist/a.yaml'), 'dist/ is as it was');
    expect(describeFailure(refused, '/repo')).toEqual({ message: 'cannot write dist/a.yaml: no space left on the device (ENOSPC); dist/ is as it was', code: 3 });
    expect(describeFailure(errno('EACCES', 'open', '/repo/clusters/a.ts'), '/repo')).toEqual({ message: 'cannot open clusters/a.ts: permission denied (EACCES)', code: 3 });
    expect(describeFailure(errno('EACCES', 'mkdir', '/elsewhere/x'), '/repo').message).toBe('cannot create the folder /elsewhere/x: permission denied (EACCES)');
  });

  it('exits 3 when an interrupted write cannot be recovered without a person', () => {
    expect(describeFailure(new ForeignJournalError('.wavesmith-tx/JOURNAL'), '/repo')).toEqual({
      message: '.wavesmith-tx/JOURNAL is not a journal Wavesmith wrote; restore dist/ and argocd-apps/ with git and delete .wavesmith-tx/',
      code: 3,
    });
  });

  it('exits 3 when the compiled packages are older than their sources, naming them and the command that compiles them', () => {
    const stale = new StaleBuildError([{ dir: 'packages/addons', files: ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts'] }]);
    expect(describeFailure(stale, '/repo')).toEqual({
      message:
        'the compiled code of packages/addons (src/a.ts, src/b.ts, src/c.ts and 1 more) is older than its sources; run `corepack pnpm exec wavesmith-compile` (or `corepack pnpm build`) and run again',
      code: 3,
    });
  });

  it('exits 3 when a merge lacks renderings of its shards, naming the clusters', () => {
    expect(describeFailure(new MissingRenderError(['a', 'b']), '/repo')).toMatchObject({ message: expect.stringMatching(/^the render cache has no rendering of a, b for their current inputs;/), code: 3 });
  });

  it('exits 4 on anything else, as a bug to report, in one line', () => {
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')\n    at f (file.ts:1:1)"), '/repo')).toEqual({
      message:
        "internal error: TypeError: Cannot read properties of undefined (reading 'x'). This is a bug in Wavesmith; run again with --debug for the stack trace and report it",
      code: 4,
    });
    expect(describeFailure('thrown text', '/repo').code).toBe(4);
  });
});
