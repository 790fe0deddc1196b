// SMS waiting for an operator: sender, time, text (保密 marked when it asks for 实名保密); register as a case or dismiss.
import { Button, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { SmsDraft } from '../types';
import { DismissSmsDialog } from './DismissSmsDialog';
import { RegisterSmsDialog } from './RegisterSmsDialog';
import { useSmsDrafts } from './useSmsDrafts';

type Decision = { kind: 'register' | 'dismiss'; draft: SmsDraft } | null;

export const SmsDraftsTable = ({ perPage = 25 }: { perPage?: number }) => {
  const translate = useTranslate();
  const { data } = useSmsDrafts(perPage);
  const [decision, setDecision] = useState<Decision>(null);
  const close = () => setDecision(null);

  // The dialogs stay outside the empty state: registering the last draft empties the list while
  // its dialog still shows the new case's number and password to send back.
  const dialogs = (
    <>
      {decision?.kind === 'register' && <RegisterSmsDialog draft={decision.draft} onClose={close} />}
      {decision?.kind === 'dismiss' && <DismissSmsDialog draft={decision.draft} onClose={close} />}
    </>
  );
  if (data !== undefined && data.length === 0) return <><Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>{translate('hotline.operator.sms.none')}</Typography>{dialogs}</>;
  return (
    <>
      <Table size="small" data-testid="sms-drafts">
        <TableHead>
          <TableRow>
            <TableCell>{translate('hotline.operator.sms.from')}</TableCell>
            <TableCell>{translate('hotline.operator.sms.received')}</TableCell>
            <TableCell>{translate('hotline.operator.sms.body')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((draft) => (
            <TableRow key={draft.id} data-testid="sms-draft" data-draft-id={draft.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{draft.fromNumber}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(draft.receivedAt).toLocaleString()}</TableCell>
              <TableCell sx={{ minWidth: 240 }}>
                {draft.confidentialRequested && <Chip size="small" color="error" label={translate('hotline.case.confidentiality.badge')} sx={{ mr: 1 }} data-testid="sms-draft-confidential" />}
                {draft.body}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" onClick={() => setDecision({ kind: 'register', draft })} data-testid="register-sms">{translate('hotline.operator.sms.register')}</Button>
                <Button size="small" color="warning" onClick={() => setDecision({ kind: 'dismiss', draft })} data-testid="dismiss-sms">{translate('hotline.operator.sms.dismiss')}</Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {dialogs}
    </>
  );
};
