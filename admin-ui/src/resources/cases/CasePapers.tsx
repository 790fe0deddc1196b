// The case's papers to print (交办单, a result's 答复报告): PDFs the API makes for whoever may read
// the case, masked as the case read is; the console only fetches them with the user's token.
import DownloadIcon from '@mui/icons-material/PictureAsPdf';
import { Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { saveBlob } from '../../shell/common/download';

const PaperButton = ({ path, fileName, label, testId }: { path: string; fileName: string; label: string; testId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await dataProvider.getBlob(path), fileName);
    } catch (error) {
      notify(translate('hotline.case.papers.error', { message: error instanceof Error ? error.message : String(error) }), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" variant="outlined" startIcon={busy ? <CircularProgress size={16} /> : <DownloadIcon />} disabled={busy} onClick={() => void download()} data-testid={testId}>
      {translate(label)}
    </Button>
  );
};

/** The 交办单 of a dispatched case. */
export const DispatchSheetButton = ({ caseId }: { caseId: string }) => (
  <PaperButton path={`/api/cases/${caseId}/dispatch-sheet.pdf`} fileName={`交办单-${caseId}.pdf`} label="hotline.case.papers.dispatchSheet" testId="download-dispatch-sheet" />
);

/** The 答复报告 of one result. */
export const ReplyReportButton = ({ caseId, resultId, round }: { caseId: string; resultId: string; round: number }) => (
  <PaperButton path={`/api/cases/${caseId}/results/${encodeURIComponent(resultId)}/reply-report.pdf`} fileName={`答复报告-${caseId}-${round}.pdf`} label="hotline.case.papers.replyReport" testId={`download-reply-report-${resultId}`} />
);
