// A collapsible tree of rows that know their parent (units, categories), read whole from the API.
// Each node nests its children inside itself, so "X under Y" is visible in the DOM as on screen.
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, IconButton, Stack } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface TreeRow {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

interface TreeProps<T extends TreeRow> {
  rows: T[];
  /** Test-id prefix: `<prefix>-<id>` on each node. */
  testIdPrefix: string;
  /** Nodes shallower than this start expanded. */
  expandedDepth?: number;
  renderRow: (row: T) => ReactNode;
}

const childrenByParent = <T extends TreeRow>(rows: T[]): Map<string | null, T[]> => {
  const ids = new Set(rows.map((row) => row.id));
  const map = new Map<string | null, T[]>();
  for (const row of rows) {
    // A row whose parent is not in the list (filtered out) shows as a root.
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    map.set(parent, [...(map.get(parent) ?? []), row]);
  }
  for (const list of map.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
  return map;
};

export const Tree = <T extends TreeRow>({ rows, testIdPrefix, expandedDepth = 2, renderRow }: TreeProps<T>) => {
  const children = childrenByParent(rows);
  return (
    <Box role="tree">
      {(children.get(null) ?? []).map((row) => (
        <TreeNode key={row.id} row={row} depth={0} childrenOf={children} testIdPrefix={testIdPrefix} expandedDepth={expandedDepth} renderRow={renderRow} />
      ))}
    </Box>
  );
};

interface TreeNodeProps<T extends TreeRow> extends Omit<TreeProps<T>, 'rows'> {
  row: T;
  depth: number;
  childrenOf: Map<string | null, T[]>;
  expandedDepth: number;
}

const TreeNode = <T extends TreeRow>({ row, depth, childrenOf, testIdPrefix, expandedDepth, renderRow }: TreeNodeProps<T>) => {
  const translate = useTranslate();
  const [expanded, setExpanded] = useState(depth < expandedDepth);
  const kids = childrenOf.get(row.id) ?? [];
  return (
    <Box role="treeitem" aria-expanded={kids.length > 0 ? expanded : undefined} data-testid={`${testIdPrefix}-${row.id}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', pl: depth * 3, minHeight: 40, '&:hover': { bgcolor: 'action.hover' } }}>
        {kids.length > 0 ? (
          <IconButton size="small" onClick={() => setExpanded(!expanded)} aria-label={translate(expanded ? 'hotline.admin.tree.collapse' : 'hotline.admin.tree.expand')}>
            {expanded ? <ExpandMoreIcon /> : <ChevronRightIcon />}
          </IconButton>
        ) : (
          <Box sx={{ width: 34 }} />
        )}
        {renderRow(row)}
      </Stack>
      {expanded && kids.length > 0 && (
        <Box role="group">
          {kids.map((kid) => (
            <TreeNode key={kid.id} row={kid} depth={depth + 1} childrenOf={childrenOf} testIdPrefix={testIdPrefix} expandedDepth={expandedDepth} renderRow={renderRow} />
          ))}
        </Box>
      )}
    </Box>
  );
};
