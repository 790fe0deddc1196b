// The new case's possible duplicates, each with "merge" (the new case joins the open one)
// before the case goes to dispatch.
import MergeIcon from '@mui/icons-material/MergeType';
import { Alert, Button, List, ListItem, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { useActionKeys } from '../../../shell/providers/actionKeys';
import { useProjectionPendingNotice } from '../../../resources/cases/actions/useProjectionPendingNotice';
import { EarlierCaseList } from '../history/EarlierCaseList';
import type { DuplicateCandidate } from '../types';

export interface DuplicateCandidatesProps {
  caseId: string;
  candidates: DuplicateCandidate[];
  onMerged: (intoCaseId: string) => void;
  /** Once the new case is merged or closed, merging is over. */
  disabled: boolean;
}

export const DuplicateCandidates = ({ caseId, candidates, onMerged, disabled }: DuplicateCandidatesProps) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const noticePending = useProjectionPendingNotice();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const keys = useActionKeys();

  const merge = async (intoCaseId: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const body = { intoCaseId };
      noticePending(await dataProvider.runCommand(caseId, 'merge', body, { idempotencyKey: keys.keyFor(body) }), 'hotline.operator.registered.merge');
      keys.done();
      onMerged(intoCaseId);
    } catch (error) {
      setFailure(translate('hotline.operator.registered.mergeFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  if (candidates.length === 0) return <Typography variant="body2" color="text.secondary">{translate('hotline.operator.registered.noDuplicates')}</Typography>;
  return (
    <Stack spacing={1} data-testid="duplicate-candidates">
      <Typography variant="subtitle2" component="h3">{translate('hotline.operator.registered.duplicates')}</Typography>
      {failure !== null && <Alert severity="error" role="alert">{failure}</Alert>}
      <List dense disablePadding>
        {candidates.map((candidate) => (
          <ListItem key={`${candidate.id}-${candidate.reason}`} disableGutters data-testid="duplicate-candidate" data-case-id={candidate.id}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: '100%' }}>
              <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {translate(`hotline.operator.registered.reason.${candidate.reason}`)}
              </Typography>
              <div style={{ flex: 1, minWidth: 0 }}>
                <EarlierCaseList cases={[candidate]} testId="duplicate-case" />
              </div>
              <Button size="small" variant="outlined" startIcon={<MergeIcon />} disabled={disabled || busy} onClick={() => void merge(candidate.id)} data-testid="merge-into">
                {translate('hotline.operator.registered.merge')}
              </Button>
            </Stack>
          </ListItem>
        ))}
      </List>
    </Stack>
  );
};
