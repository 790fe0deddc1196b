// A submitted result as its approver reads it before deciding: what was done, the reply to the
// citizen, the legal basis, who handled and reviewed it, and the case's files.
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { CaseResult } from '../../resources/cases/types';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';

interface CaseAttachment {
  id: string;
  fileName: string;
  kind: string;
}

const Paragraph = ({ label, text }: { label: string; text: string | null }) => {
  const translate = useTranslate();
  if (text === null || text === '') return null;
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">{translate(label)}</Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{text}</Typography>
    </Box>
  );
};

/** The case's files other than call recordings (the evidence a result cites is among them). */
const useCaseFiles = (caseId: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [files, setFiles] = useState<CaseAttachment[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    dataProvider
      .getJson<CaseAttachment[]>(`/api/cases/${encodeURIComponent(caseId)}/attachments`, { signal: controller.signal })
      .then((rows) => setFiles(rows.filter((row) => row.kind !== 'recording')))
      .catch(() => setFiles([]));
    return () => controller.abort();
  }, [caseId, dataProvider]);
  return files;
};

export const SubmittedResult = ({ caseId, result }: { caseId: string; result: CaseResult | undefined }) => {
  const translate = useTranslate();
  const files = useCaseFiles(caseId);
  if (!result) return <Typography variant="body2">{translate('hotline.department.result.none')}</Typography>;
  const resolvedKey = result.resolved === true ? 'resolved' : result.resolved === false ? 'unresolved' : 'resolvedUnknown';
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="submitted-result">
      <CardContent>
        <Typography variant="subtitle2" component="h3" gutterBottom>{translate('hotline.department.result.title')}</Typography>
        <Stack spacing={1}>
          <Paragraph label="hotline.department.fields.actionsTaken" text={result.actionsTaken} />
          <Paragraph label="hotline.department.fields.replyToCitizen" text={result.replyToCitizen} />
          <Paragraph label="hotline.department.fields.legalBasis" text={result.legalBasis} />
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Chip size="small" label={translate(result.citizenContacted === true ? 'hotline.department.result.contacted' : 'hotline.department.result.notContacted')} />
            <Chip size="small" label={translate(`hotline.department.result.${resolvedKey}`)} />
            {result.reviewerName && <Chip size="small" variant="outlined" label={`${translate('hotline.department.fields.reviewerName')}: ${result.reviewerName}`} />}
          </Stack>
          {files.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {files.map((file) => <Chip key={file.id} size="small" variant="outlined" label={file.fileName} data-testid="result-file" />)}
            </Stack>
          )}
          <Typography variant="caption" color="text.secondary">
            {translate('hotline.department.result.submittedBy', { handler: result.handlerName, at: new Date(result.submittedAt).toLocaleString() })}
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};
