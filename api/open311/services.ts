// The category tree as Open311 services. A service is an active leaf category (the finest
// grain the hotline classifies a request by); its group is the top-level category. The
// service_code is the category's code: unique, readable, and free of the `cat-` id prefix.
// Names are Chinese with the English name after them when a category has one.

export interface CategoryNode {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  /** Ids from the root down to and including this category. */
  lineage: string[];
  active: boolean;
  sortOrder: number;
}

/** One entry of GET /services, in the spec's field order. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** No service defines extra attributes yet, so clients never need the service definition. */
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface ServiceEntry {
  categoryId: string;
  /** The category's own (Chinese) name, for case titles. */
  categoryName: string;
  service: Open311Service;
}

/** "占道经营" + "Street vending" → "占道经营 (Street vending)". */
export function bilingual(name: string, nameEn: string | null | undefined): string {
  return nameEn ? `${name} (${nameEn})` : name;
}

export function servicesOf(categories: CategoryNode[]): ServiceEntry[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const hasActiveChild = new Set(categories.filter((category) => category.active && category.parentId !== null).map((category) => category.parentId));
  const path = (category: CategoryNode) => category.lineage.map((id) => byId.get(id)).filter((node): node is CategoryNode => node !== undefined);
  // Sorted as the tree is shown: by each level's sort order from the root down.
  const sortKey = (category: CategoryNode) => path(category).map((node) => String(node.sortOrder).padStart(6, '0')).join('/');

  return categories
    .filter((category) => !hasActiveChild.has(category.id) && path(category).length === category.lineage.length && path(category).every((node) => node.active))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || a.code.localeCompare(b.code))
    .map((category) => {
      const nodes = path(category);
      const top = nodes[0]!;
      const names = nodes.map((node) => node.name).join(' › ');
      const englishNames = nodes.every((node) => node.nameEn) ? nodes.map((node) => node.nameEn).join(' › ') : null;
      const keywords = [...new Set([...nodes].reverse().flatMap((node) => [node.name, node.nameEn ?? '']).filter((word) => word !== ''))];
      return {
        categoryId: category.id,
        categoryName: category.name,
        service: {
          service_code: category.code,
          service_name: bilingual(category.name, category.nameEn),
          description: bilingual(names, englishNames),
          metadata: false,
          type: 'realtime',
          keywords: keywords.join(', '),
          group: bilingual(top.name, top.nameEn),
        },
      };
    });
}
