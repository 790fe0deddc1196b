// The case's own audit chain, verified when the tab opens (auditors and admins: the API's
// verifiers), and the export of the whole case file as case-<id>.json.
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { HttpError, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { hasAnyRole, useRoles } from '../../shell/access/roles';
import type { CaseRecord } from '../../resources/cases/types';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { useCaseChainReport } from '../../resources/audit/api';
import { BrokenLinkAlert } from './ChainStatus';

/** Who may run the verification (GET /api/audit/verify). */
export const CHAIN_VERIFIER_ROLES = ['auditor', 'admin'] as const;

const CaseChain = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const { data, error, isPending } = useCaseChainReport(caseId);
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.audit.chain.caseChain')}</Typography>
        {isPending && <CircularProgress size={24} />}
        {error && <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>}
        {data?.ok && <Alert severity="success" data-testid="chain-verified">{translate('hotline.audit.chain.verified', { rows: data.rows })}</Alert>}
        {data?.brokenLink && <BrokenLinkAlert link={data.brokenLink} />}
      </CardContent>
    </Card>
  );
};

/** Saves a blob under a name through a temporary link (the browser's own download). */
const saveBlob = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked a moment later: the browser reads the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

const ExportCaseFile = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await dataProvider.getBlob(`/api/cases/${encodeURIComponent(caseId)}/case-file`), `case-${caseId}.json`);
      notify('hotline.audit.export.done', { type: 'success' });
    } catch (error) {
      notify(translate('hotline.audit.failed', { message: error instanceof HttpError || error instanceof Error ? error.message : '' }), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>{translate('hotline.audit.export.hint')}</Typography>
        <Button variant="contained" startIcon={busy ? <CircularProgress size={16} /> : <DownloadIcon />} disabled={busy} onClick={download} data-testid="export-case-file">
          {translate('hotline.audit.export.button')}
        </Button>
      </CardContent>
    </Card>
  );
};

export const CaseFileTab = ({ record }: { record: CaseRecord }) => {
  const roles = useRoles();
  return (
    <Stack spacing={2}>
      {hasAnyRole(roles, CHAIN_VERIFIER_ROLES) && <CaseChain caseId={record.id} />}
      <ExportCaseFile caseId={record.id} />
    </Stack>
  );
};
