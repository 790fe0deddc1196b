// What the hotline offers through Open311, read fresh from the database on each request (the
// category and policy tables are small): the services and the handling policies behind
// each service_notice.
import type { PrismaClient } from '../../prisma/client';
import type { PolicyRow } from '../../rules/policies';
import { serviceNotice } from './serviceNotice';
import { bilingual, servicesOf, type CategoryNode, type ServiceEntry } from './services';

export interface ServiceCatalog {
  services: ServiceEntry[];
  byCode(code: string): ServiceEntry | undefined;
  /** service_code and service_name of a case's category (also one no longer offered). */
  serviceOfCategory(categoryId: string | null): { code: string; name: string } | null;
  /** The category and its ancestors, root first (for the policy lookup). */
  lineageOf(categoryId: string | null): string[];
  /** service_notice for a case of this type, category and urgency. */
  noticeFor(profile: { caseTypeCode: string; categoryId: string | null; urgency: string }): string | null;
}

export async function loadServiceCatalog(prisma: PrismaClient): Promise<ServiceCatalog> {
  const [categories, policyRows] = await Promise.all([
    prisma.category.findMany({ select: { id: true, code: true, name: true, nameEn: true, parentId: true, lineage: true, active: true, sortOrder: true } }),
    prisma.deadlinePolicy.findMany({ where: { active: true, clock: 'handle' } }),
  ]);
  const services = servicesOf(categories satisfies CategoryNode[]);
  const byCode = new Map(services.map((entry) => [entry.service.service_code, entry]));
  const byId = new Map(categories.map((category) => [category.id, category]));
  const policies: PolicyRow[] = policyRows.map((row) => ({ ...row, warnRatio: row.warnRatio === null ? null : Number(row.warnRatio) }));
  const lineageOf = (categoryId: string | null) => (categoryId ? (byId.get(categoryId)?.lineage ?? []) : []);
  return {
    services,
    byCode: (code) => byCode.get(code),
    serviceOfCategory: (categoryId) => {
      const category = categoryId ? byId.get(categoryId) : undefined;
      return category ? { code: category.code, name: bilingual(category.name, category.nameEn) } : null;
    },
    lineageOf,
    noticeFor: (profile) => serviceNotice(policies, { caseTypeCode: profile.caseTypeCode, categoryLineage: lineageOf(profile.categoryId), urgency: profile.urgency }),
  };
}
