// The unit's 答复报告 (seed 000, 市长热线回复格式: 关于×××反映×××问题调查处理情况的报告 — 调查情况,
// 根据……法律(法规、规定)……条……款, 具体承办人, 审核人, the unit's name and date) for one result
// the unit submitted. Plain data first (masked for the reader like the case read), then the paper.
import type { PrismaClient, db } from '../../prisma/client';
import type { Paper } from './pdfDocument';
import { paperTime } from './labels';

export interface ReplyReportData {
  caseId: string;
  /** The case's title: what the citizen raised (反映×××问题). */
  title: string;
  unit: string;
  round: number;
  dispatchedAt: string | null;
  actionsTaken: string;
  legalBasis: string | null;
  replyToCitizen: string;
  handlerName: string;
  reviewerName: string | null;
  citizenContacted: boolean;
  submittedAt: string | null;
  unitApprovedAt: string | null;
}

export async function loadReplyReport(prisma: PrismaClient, row: db.Case, result: db.CaseResult): Promise<ReplyReportData> {
  const [unit, assignment] = await Promise.all([
    prisma.unit.findUnique({ where: { id: result.unitId }, select: { name: true } }),
    prisma.caseAssignment.findUnique({ where: { id: result.assignmentId }, select: { dispatchedAt: true } }),
  ]);
  return {
    caseId: row.id,
    title: row.title,
    unit: unit?.name ?? result.unitId,
    round: result.round,
    dispatchedAt: paperTime(assignment?.dispatchedAt),
    actionsTaken: result.actionsTaken,
    legalBasis: result.legalBasis,
    replyToCitizen: result.replyToCitizen,
    handlerName: result.handlerName,
    reviewerName: result.reviewerName,
    citizenContacted: result.citizenContacted,
    submittedAt: paperTime(result.submittedAt),
    unitApprovedAt: paperTime(result.unitApprovedAt),
  };
}

export function replyReportPaper(data: ReplyReportData, printedAt: string): Paper {
  return {
    title: `关于“${data.title}”问题调查处理情况的报告`,
    subtitle: `受理号：${data.caseId}（第${data.round}轮办理）`,
    blocks: [
      { kind: 'paragraph', text: '市长公开电话受理中心：' },
      { kind: 'paragraph', text: `接到${data.caseId}号承办单后（交办时间：${data.dispatchedAt ?? '—'}），我单位安排${data.handlerName}进行调查，调查情况如下：` },
      { kind: 'section', heading: '调查情况', text: data.actionsTaken },
      { kind: 'section', heading: '法律依据（根据……法律（法规、规定）……条……款）', text: data.legalBasis },
      { kind: 'section', heading: '答复市民', text: data.replyToCitizen },
      {
        kind: 'rows',
        rows: [
          { label: '具体承办人', value: data.handlerName },
          { label: '审核人', value: data.reviewerName },
          { label: '已联系市民', value: data.citizenContacted ? '是' : '否' },
          { label: '报送时间', value: data.submittedAt },
          { label: '单位审核时间', value: data.unitApprovedAt },
        ],
      },
      { kind: 'paragraph', text: data.unit, align: 'right' },
      { kind: 'paragraph', text: (data.unitApprovedAt ?? data.submittedAt ?? '').slice(0, 10), align: 'right' },
    ],
    footer: `打印时间：${printedAt}`,
  };
}
