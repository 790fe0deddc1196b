// Recursive merge of translation message trees.

export interface MessageTree {
  [key: string]: MessageTree | string | undefined;
}

const isTree = (value: unknown): value is MessageTree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns a copy of `base` with each override applied in order. An override replaces a string
 * with a string and merges into a subtree recursively; keys missing from `base` are added.
 * Where an override disagrees with `base` on the shape (string vs subtree, e.g. a key whose
 * meaning changed between react-admin 4 and 5), `base` wins. Inputs are never mutated.
 */
export const deepMerge = <T extends MessageTree>(base: T, ...overrides: unknown[]): T => {
  const result: MessageTree = { ...base };
  for (const override of overrides) {
    if (!isTree(override)) continue;
    for (const [key, value] of Object.entries(override)) {
      const current = result[key];
      if (current === undefined) {
        if (isTree(value)) result[key] = deepMerge({}, value);
        else if (typeof value === 'string') result[key] = value;
      } else if (isTree(current) && isTree(value)) {
        result[key] = deepMerge(current, value);
      } else if (typeof current === 'string' && typeof value === 'string') {
        result[key] = value;
      }
    }
  }
  // Safe: `result` holds every key of `base` with a value of the same shape.
  return result as T;
};
