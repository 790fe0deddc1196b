// The rules shared by the two trees an admin maintains (units, categories), as plain
// functions: where a node may move, and what a move does to the lineages below it.
import { HttpError } from '../http/errors';

export interface TreeNode {
  id: string;
  parentId: string | null;
  lineage: string[];
  active: boolean;
}

/** The lineage of `id` placed under `parent` (a root when null). */
export function lineageUnder(parent: Pick<TreeNode, 'lineage'> | null, id: string): string[] {
  return [...(parent?.lineage ?? []), id];
}

/** A node's lineage after the subtree rooted at `movedId` got `movedLineage`. */
export function relocatedLineage(lineage: string[], movedId: string, movedLineage: string[]): string[] {
  const at = lineage.indexOf(movedId);
  return at < 0 ? lineage : [...movedLineage, ...lineage.slice(at + 1)];
}

/** Refuses (409) a parent that is the node itself or below it, or that is deactivated. */
export function assertValidParent(node: Pick<TreeNode, 'id'>, parent: TreeNode, noun: string): void {
  if (parent.lineage.includes(node.id)) {
    throw new HttpError(409, 'tree_cycle', `a ${noun} cannot move under itself or one of its descendants (${parent.id} is below ${node.id})`, { parentId: 'is the node itself or below it' });
  }
  if (!parent.active) throw new HttpError(409, 'inactive_parent', `the ${noun} ${parent.id} is deactivated; reactivate it first`, { parentId: 'is deactivated' });
}

/** Refuses (409) deactivating a node whose children are still active. */
export function assertCanDeactivate(node: Pick<TreeNode, 'id'>, activeChildren: number, noun: string): void {
  if (activeChildren > 0) throw new HttpError(409, 'active_children', `the ${noun} ${node.id} has ${activeChildren} active sub-${noun}s; deactivate or move them first`);
}

export interface References {
  [what: string]: number;
}

/** Refuses (409) deleting a node that anything refers to: deactivate it instead. */
export function assertUnreferenced(node: Pick<TreeNode, 'id'>, references: References, noun: string): void {
  const used = Object.entries(references).filter(([, count]) => count > 0);
  if (used.length > 0) {
    const list = used.map(([what, count]) => `${count} ${what}`).join(', ');
    throw new HttpError(409, 'in_use', `the ${noun} ${node.id} is referenced (${list}); deactivate it instead`, Object.fromEntries(used.map(([what, count]) => [what, String(count)])));
  }
}
