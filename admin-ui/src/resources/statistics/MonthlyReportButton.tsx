import PrintIcon from '@mui/icons-material/Print';
import SummarizeIcon from '@mui/icons-material/Summarize';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link } from '@mui/material';
import { useRef, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { reportPath } from './paths';

type ReportState = { status: 'closed' } | { status: 'loading' } | { status: 'shown'; html: string; url: string } | { status: 'failed'; message: string };

/**
 * The printable monthly report. The page needs the bearer token, which never goes in a URL, so
 * the console fetches it (docs/statistics-hotspots.md) and shows its HTML in a frame — as
 * `srcdoc`, since the console's CSP allows no blob: frames — or in a new tab from a blob URL.
 */
export const MonthlyReportButton = ({ month }: { month: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [state, setState] = useState<ReportState>({ status: 'closed' });
  const frame = useRef<HTMLIFrameElement>(null);

  const open = async () => {
    setState({ status: 'loading' });
    try {
      const blob = await dataProvider.getBlob(reportPath(month));
      setState({ status: 'shown', html: await blob.text(), url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const close = () => {
    if (state.status === 'shown') URL.revokeObjectURL(state.url);
    setState({ status: 'closed' });
  };

  return (
    <>
      <Button variant="outlined" startIcon={<SummarizeIcon />} loading={state.status === 'loading'} onClick={() => void open()} data-testid="monthly-report">
        {translate('hotline.statistics.report.open')}
      </Button>
      <Dialog open={state.status === 'shown' || state.status === 'failed'} onClose={close} fullWidth maxWidth="lg">
        <DialogTitle>{translate('hotline.statistics.report.title', { month })}</DialogTitle>
        <DialogContent dividers sx={{ p: 0, height: '70vh' }}>
          {state.status === 'failed' && <Alert severity="error" sx={{ m: 2 }}>{translate('hotline.statistics.report.error', { message: state.message })}</Alert>}
          {state.status === 'shown' && (
            // No scripts run in the report; same origin so that the console can print it.
            <iframe ref={frame} srcDoc={state.html} title={translate('hotline.statistics.report.title', { month })} sandbox="allow-same-origin allow-modals" style={{ border: 0, width: '100%', height: '100%' }} data-testid="monthly-report-frame" />
          )}
        </DialogContent>
        <DialogActions>
          {state.status === 'shown' && (
            <>
              <Link href={state.url} target="_blank" rel="noopener" sx={{ mr: 'auto', ml: 1 }}>
                {translate('hotline.statistics.report.newTab')}
              </Link>
              <Button startIcon={<PrintIcon />} onClick={() => frame.current?.contentWindow?.print()}>
                {translate('hotline.statistics.report.print')}
              </Button>
            </>
          )}
          <Button onClick={close} autoFocus>
            {translate('hotline.statistics.report.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
