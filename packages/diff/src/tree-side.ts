/** Where one side of a comparison came from, said in every report so a reader knows what was compared. */
export interface TreeSide {
  /** `origin/main`, `HEAD`, `working tree`, a folder. */
  readonly label: string;
  readonly commit?: string;
  /** committed: the output files committed at the ref; rendered: rendered afresh from the ref's own sources; worktree: rendered from the working tree's sources; folder: files read as they are. */
  readonly origin: 'committed' | 'rendered' | 'worktree' | 'folder';
  /** Why the committed output was not used. */
  readonly reason?: string;
}

export function describeSide(side: TreeSide, code: (s: string) => string = (s) => s): string {
  const at = side.commit ? ` at ${side.commit.slice(0, 12)}` : '';
  switch (side.origin) {
    case 'committed':
      return `${code(side.label)} (committed output${at}${side.reason ? `; ${side.reason}` : ''})`;
    case 'rendered':
      return `${code(side.label)}${at}, rendered from its own sources because ${side.reason ?? 'its committed output was not used'}`;
    case 'worktree':
      return `${side.label}, rendered from its sources`;
    case 'folder':
      return `${code(side.label)} (files as they are)`;
  }
}
