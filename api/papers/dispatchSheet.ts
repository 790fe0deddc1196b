// The 交办单 (dispatch sheet, seed 003: 《“12345”热线受理交办单》, the written dispatch): what the
// hotline asks of the lead unit. Loaded from the projection and the trail as plain data first,
// so that the reader's masking (api/privacy/maskResponses.ts) applies to it exactly as to the
// case read, and only then laid out as a paper.
import type { PrismaClient, db } from '../../prisma/client';
import type { Paper } from './pdfDocument';
import { CHANNEL_LABELS, paperTime, URGENCY_LABELS } from './labels';

/** What the sheet prints; citizenName/citizenPhone keep the case's keys so that masking knows them. */
export interface DispatchSheetData {
  caseId: string;
  receivedAt: string | null;
  registeredAt: string | null;
  channel: string;
  caseType: string;
  category: string | null;
  urgency: string;
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  title: string;
  content: string;
  leadUnit: string | null;
  assistUnits: string[];
  signForDueAt: string | null;
  handleDueAt: string | null;
  instructions: string | null;
  dispatchedBy: string | null;
  dispatchedAt: string | null;
}

export async function loadDispatchSheet(prisma: PrismaClient, row: db.Case): Promise<DispatchSheetData> {
  const assignments = await prisma.caseAssignment.findMany({ where: { caseId: row.id, role: { in: ['lead', 'assist'] } }, orderBy: { dispatchedAt: 'asc' }, include: { unit: { select: { name: true } } } });
  // The dispatch in force: the latest round's lead assignment and the units assisting it.
  const lead = assignments.filter((a) => a.role === 'lead').at(-1) ?? null;
  const assists = lead ? assignments.filter((a) => a.role === 'assist' && a.round === lead.round) : [];
  const [caseType, category, dispatcher, dispatchEvent] = await Promise.all([
    prisma.caseType.findUnique({ where: { code: row.caseTypeCode }, select: { name: true } }),
    row.categoryId ? prisma.category.findUnique({ where: { id: row.categoryId }, select: { name: true } }) : null,
    lead?.dispatchedById ? prisma.user.findUnique({ where: { id: lead.dispatchedById }, select: { displayName: true } }) : null,
    // The dispatcher's instructions are the reason recorded with the dispatch.
    lead ? prisma.auditEvent.findFirst({ where: { caseId: row.id, action: 'dispatched', occurredAt: lead.dispatchedAt }, orderBy: { id: 'desc' }, select: { reason: true } }) : null,
  ]);
  return {
    caseId: row.id,
    receivedAt: paperTime(row.receivedAt),
    registeredAt: paperTime(row.registeredAt),
    channel: CHANNEL_LABELS[row.channel],
    caseType: caseType?.name ?? row.caseTypeCode,
    category: category?.name ?? null,
    urgency: URGENCY_LABELS[row.urgency],
    citizenName: row.citizenName,
    citizenPhone: row.citizenPhone,
    address: row.address,
    title: row.title,
    content: row.content,
    leadUnit: lead?.unit.name ?? null,
    assistUnits: assists.map((a) => a.unit.name),
    signForDueAt: paperTime(lead?.signForDueAt),
    handleDueAt: paperTime(row.handleDueAt ?? row.finalHandleDueAt ?? lead?.dueAt),
    instructions: dispatchEvent?.reason ?? null,
    dispatchedBy: dispatcher?.displayName ?? lead?.dispatchedById ?? null,
    dispatchedAt: paperTime(lead?.dispatchedAt),
  };
}

export function dispatchSheetPaper(data: DispatchSheetData, printedAt: string): Paper {
  return {
    title: '12345热线受理交办单',
    subtitle: `受理号：${data.caseId}`,
    blocks: [
      {
        kind: 'rows',
        rows: [
          { label: '来电时间', value: data.receivedAt },
          { label: '受理时间', value: data.registeredAt },
          { label: '来源渠道', value: data.channel },
          { label: '诉求类型', value: data.caseType },
          { label: '诉求分类', value: data.category },
          { label: '紧急程度', value: data.urgency },
          { label: '诉求人', value: data.citizenName },
          { label: '联系电话', value: data.citizenPhone },
          { label: '地址', value: data.address },
          { label: '诉求标题', value: data.title },
        ],
      },
      { kind: 'section', heading: '诉求内容', text: data.content },
      {
        kind: 'rows',
        rows: [
          { label: '主办单位', value: data.leadUnit },
          { label: '协办单位', value: data.assistUnits.join('、') || null },
          { label: '签收时限', value: data.signForDueAt },
          { label: '办理时限', value: data.handleDueAt },
        ],
      },
      { kind: 'section', heading: '交办意见', text: data.instructions },
      { kind: 'rows', rows: [{ label: '交办人', value: data.dispatchedBy }, { label: '交办时间', value: data.dispatchedAt }] },
    ],
    footer: `打印时间：${printedAt}`,
  };
}
