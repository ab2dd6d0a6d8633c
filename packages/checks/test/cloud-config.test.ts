import { describe, expect, it } from 'vitest';
import { checkCloudConfig as check, EC2_USER_DATA_LIMIT } from '../src/cloud-config.js';

/** Each problem as `rule: message`. */
const checkCloudConfig = (text: string) => check(text).map((p) => `${p.rule}: ${p.message}`);

const valid = ['#cloud-config', 'write_files:', '  - path: /etc/a', '    content: "a"', '    permissions: "0600"', 'runcmd:', '  - set -eu', '  - [modprobe, overlay]', 'packages: [containerd]', ''].join('\n');

describe('checkCloudConfig', () => {
  it('accepts known keys in the order cloud-init runs their modules', () => {
    expect(checkCloudConfig(valid)).toEqual([]);
  });

  it('rejects a document without the #cloud-config line, or that is not YAML', () => {
    expect(checkCloudConfig('runcmd: []\n')).toEqual(['cloud-config-invalid: does not start with the "#cloud-config" line, so cloud-init would not read it as cloud-config']);
    expect(checkCloudConfig('#cloud-config\nruncmd: [a\n')[0]).toMatch(/^cloud-config-invalid: is not valid YAML: /);
  });

  it('rejects a key no module reads, naming it', () => {
    const problems = checkCloudConfig(`${valid}run_cmd:\n  - echo\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cloud-config-invalid: key "run_cmd" is read by no cloud-init module \(known keys: bootcmd, write_files, /);
  });

  it('rejects keys out of module order', () => {
    expect(checkCloudConfig('#cloud-config\nruncmd:\n  - set -eu\nwrite_files: []\n')).toEqual([
      'cloud-config-order: key "write_files" (module write_files) comes after "runcmd" (module runcmd), which cloud-init runs later',
    ]);
  });

  it('rejects a runcmd that would carry on after a failure, and malformed entries', () => {
    expect(checkCloudConfig('#cloud-config\nwrite_files:\n  - path: etc/a\n    content: 1\n    permissions: 600\nruncmd:\n  - [modprobe, 3]\npackages: true\n')).toEqual([
      'cloud-config-invalid: write_files[0].path is "etc/a": an absolute path',
      'cloud-config-invalid: write_files[0].content is 1: the file\'s text',
      'cloud-config-invalid: write_files[0].permissions is 600: an octal mode as a string, such as "0600"',
      'cloud-config-invalid: runcmd[0] is ["modprobe",3]: a command is a string or a list of strings',
      'cloud-config-set-e: runcmd does not start with "set -e": cloud-init runs it as one sh script that would carry on after a failed command',
      'cloud-config-invalid: packages is true: a list',
    ]);
  });

  it("rejects user data over EC2's 16 KB", () => {
    const big = `${valid}final_message: "${'x'.repeat(EC2_USER_DATA_LIMIT)}"\n`;
    expect(checkCloudConfig(big)).toEqual([`user-data-too-large: is ${Buffer.byteLength(big)} bytes; EC2 accepts at most ${EC2_USER_DATA_LIMIT}`]);
  });
});
