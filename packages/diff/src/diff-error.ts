/**
 * Bad input to the diff (a tree that does not parse, an unknown git ref, a base that cannot be
 * rendered). The CLI prints the message and exits 1; the message names the file or ref at fault.
 */
export class DiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffError';
  }
}
