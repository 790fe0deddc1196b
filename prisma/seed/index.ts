// Seeds reference data (case types, default policies and settings, message templates, the
// calendar years chinese-days covers) without overwriting what an admin changed, and the demo
// city (units, categories, users, knowledge base) exactly once.
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '../generated/client';
import { DEMO_CATEGORIES, type CategorySeed } from './categories';
import { chineseDaysYears, importCalendarYear } from '../../lib/calendarYears';
import { DEMO_ARTICLES } from './knowledge';
import { CASE_TYPES, DEFAULT_POLICIES, DEFAULT_SETTINGS, MESSAGE_TEMPLATES } from './rules';
import { DEMO_UNIT_TREE, flattenUnits } from './units';
import { DEMO_PASSWORD, DEMO_USERS } from './users';

const DEMO_MARKER = 'seed.demoAppliedAt';

export interface SeedReport {
  calendarYearsImported: number[];
  demoApplied: boolean;
}

export async function runSeed(prisma: PrismaClient, options: { demo: boolean; now?: Date; log?: (message: string) => void }): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();

  for (const [index, type] of CASE_TYPES.entries()) {
    await prisma.caseType.upsert({
      where: { code: type.code },
      create: { code: type.code, name: type.name, nameEn: type.nameEn, sortOrder: index, confidentialByDefault: type.confidentialByDefault },
      update: {},
    });
  }
  for (const policy of DEFAULT_POLICIES) {
    const { id, ...rest } = policy;
    await prisma.deadlinePolicy.upsert({ where: { id }, create: { id, ...rest }, update: {} });
  }
  for (const setting of DEFAULT_SETTINGS) {
    await prisma.ruleSetting.upsert({
      where: { key: setting.key },
      create: { key: setting.key, value: setting.value as never, description: setting.description },
      update: {},
    });
  }
  for (const template of MESSAGE_TEMPLATES) {
    await prisma.messageTemplate.upsert({ where: { code: template.code }, create: template, update: {} });
  }

  const calendarYearsImported: number[] = [];
  const thisYear = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const have = new Set((await prisma.calendarYear.findMany({ select: { year: true } })).map((row) => row.year));
  for (const year of chineseDaysYears().filter((y) => y >= thisYear - 1 && y <= thisYear + 1 && !have.has(y))) {
    await importCalendarYear(prisma, year);
    calendarYearsImported.push(year);
    log(`imported the ${year} working-day calendar from chinese-days`);
  }

  const marker = await prisma.ruleSetting.findUnique({ where: { key: DEMO_MARKER } });
  if (!options.demo || marker) return { calendarYearsImported, demoApplied: false };

  // Hashed before the transaction: argon2 takes a while on a loaded machine, and the
  // transaction's 5 s default would run out.
  const passwordHash = await hash(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    for (const unit of flattenUnits(DEMO_UNIT_TREE)) {
      await tx.unit.create({ data: unit });
    }
    const createCategory = async (category: CategorySeed, parent: { id: string; lineage: string[] } | null, sortOrder: number) => {
      const id = `cat-${category.code}`;
      const lineage = [...(parent?.lineage ?? []), id];
      await tx.category.create({
        data: { id, code: category.code, name: category.name, nameEn: category.nameEn, parentId: parent?.id ?? null, lineage, defaultUnitId: category.defaultUnitId ?? null, sortOrder },
      });
      for (const [index, child] of (category.children ?? []).entries()) await createCategory(child, { id, lineage }, index);
    };
    for (const [index, category] of DEMO_CATEGORIES.entries()) await createCategory(category, null, index);

    for (const user of DEMO_USERS) {
      await tx.user.create({ data: { ...user, passwordHash } });
    }
    for (const article of DEMO_ARTICLES) {
      await tx.knowledgeArticle.create({
        data: {
          id: article.id,
          title: article.title,
          categoryId: `cat-${article.categoryCode}`,
          keywords: article.keywords,
          status: 'published',
          publishedAt: now,
          createdById: 'user-admin',
          reviewedById: 'user-admin',
          answers: { create: article.answers.map((body, index) => ({ id: `${article.id}-${index + 1}`, body, sortOrder: index })) },
        },
      });
    }
    await tx.ruleSetting.create({ data: { key: DEMO_MARKER, value: now.toISOString(), description: 'When the demo city was seeded' } });
  }, { timeout: 60_000 });
  log('seeded the demo city (units, categories, users, knowledge base)');
  return { calendarYearsImported, demoApplied: true };
}
