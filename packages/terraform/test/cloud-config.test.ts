import { describe, expect, it } from 'vitest';
import { renderCloudConfig } from '../src/cloud-config.js';

describe('renderCloudConfig', () => {
  it('merges steps into one document with keys in the order cloud-init runs their modules', () => {
    const text = renderCloudConfig([
      { name: 'a', files: [{ path: '/etc/a', content: 'a\n', permissions: '0600' }], commands: [['echo', 'a']] },
      { name: 'b', snaps: ['aws-cli'], packages: ['containerd'], files: [{ path: '/etc/b', content: 'b\n', defer: true }], commands: ['echo "$HOME" > /tmp/b'] },
    ]);
    expect(text).toBe(
      [
        '#cloud-config',
        'write_files:',
        '  - path: /etc/a',
        '    content: |',
        '      a',
        '    owner: root:root',
        '    permissions: "0600"',
        '  - path: /etc/b',
        '    content: |',
        '      b',
        '    owner: root:root',
        '    permissions: "0644"',
        '    defer: true',
        'snap:',
        '  commands:',
        '    - [ snap, install, aws-cli, --classic ]',
        'runcmd:',
        '  - set -eu',
        '  - [ echo, a ]',
        '  - echo "$HOME" > /tmp/b',
        'package_update: true',
        'packages:',
        '  - containerd',
        '',
      ].join('\n'),
    );
  });

  it('rejects two steps writing the same file', () => {
    const file = { path: '/etc/x', content: '' };
    expect(() => renderCloudConfig([{ name: 'a', files: [file] }, { name: 'b', files: [file] }])).toThrow('cloud-config: two steps write /etc/x');
  });
});
