// One printable A4 paper of a case, written with pdfkit in the Chinese font (font.ts). pdfkit
// embeds only the glyphs used (a subset), so a page of text stays near 100 KB though the font
// files are 8 MB. The papers are headings, labelled rows and paragraphs; this file lays them out.
import PDFDocument from 'pdfkit';
import { PAPER_FONTS } from './font';

/** A row of the paper's table: a label and its value (an empty value prints as a dash). */
export interface PaperRow {
  label: string;
  value: string | null;
}

export type PaperBlock =
  | { kind: 'rows'; rows: PaperRow[] }
  | { kind: 'section'; heading: string; text: string | null }
  | { kind: 'paragraph'; text: string; align?: 'left' | 'right' };

export interface Paper {
  /** The document's title, printed on top and kept in the PDF's metadata. */
  title: string;
  /** A line under the title (e.g. the case number). */
  subtitle?: string;
  blocks: PaperBlock[];
  /** Printed at the foot of the last page (who printed it, when). */
  footer?: string;
}

const MARGIN = 56;
const LABEL_WIDTH = 110;
const BODY_SIZE = 11;
const EMPTY = '—';

/** The paper as PDF bytes. */
export function renderPaper(paper: Paper): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: paper.title, Creator: '12345 hotline' }, lang: 'zh-CN' });
  doc.registerFont('regular', PAPER_FONTS.regular);
  doc.registerFont('bold', PAPER_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(18).text(paper.title, { align: 'center' });
  if (paper.subtitle) doc.moveDown(0.3).font('regular').fontSize(BODY_SIZE).text(paper.subtitle, { align: 'center' });
  doc.moveDown(1);

  for (const block of paper.blocks) {
    if (block.kind === 'rows') {
      for (const row of block.rows) {
        const top = doc.y;
        doc.font('bold').fontSize(BODY_SIZE).text(row.label, MARGIN, top, { width: LABEL_WIDTH });
        const labelBottom = doc.y;
        doc.font('regular').text(row.value || EMPTY, MARGIN + LABEL_WIDTH, top, { width: width - LABEL_WIDTH });
        doc.x = MARGIN;
        doc.y = Math.max(doc.y, labelBottom) + 4;
      }
      doc.moveDown(0.5);
    } else if (block.kind === 'section') {
      doc.font('bold').fontSize(12).text(block.heading, MARGIN, doc.y, { width });
      doc.moveDown(0.2).font('regular').fontSize(BODY_SIZE).text(block.text || EMPTY, { width });
      doc.moveDown(0.8);
    } else {
      doc.font('regular').fontSize(BODY_SIZE).text(block.text, MARGIN, doc.y, { width, align: block.align ?? 'left' });
      doc.moveDown(0.8);
    }
  }
  if (paper.footer) doc.moveDown(1).font('regular').fontSize(8).fillColor('#555555').text(paper.footer, MARGIN, doc.y, { width });
  doc.end();
  return done;
}
