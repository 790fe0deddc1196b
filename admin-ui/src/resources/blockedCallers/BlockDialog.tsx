// The blocklist's one form: propose a block (number, reason, days), or a supervisor's decision
// on one (approve with an optional comment, reject with a comment, lift with a reason). The
// API's field errors are shown on the fields, its other refusals (409) above them.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { Form, maxLength, minValue, NumberInput, TextInput, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { RefusalAlert } from '../../shell/forms/RefusalAlert';
import { useApiSubmit } from '../../shell/forms/useApiSubmit';
import type { BlockedCaller } from './types';

export type BlockAction = { kind: 'propose' } | { kind: 'approve' | 'reject' | 'lift'; block: BlockedCaller };

const PATH = '/api/telephony/blocked-callers';

function requestOf(action: BlockAction, values: FieldValues): { path: string; body: Record<string, unknown> } {
  switch (action.kind) {
    case 'propose':
      return { path: PATH, body: { number: values.number, reason: values.reason, ...(values.days ? { days: values.days } : {}) } };
    case 'approve':
      return { path: `${PATH}/${action.block.id}/approve`, body: values.comment ? { comment: values.comment } : {} };
    case 'reject':
      return { path: `${PATH}/${action.block.id}/reject`, body: { comment: values.comment } };
    case 'lift':
      return { path: `${PATH}/${action.block.id}/lift`, body: { reason: values.reason } };
  }
}

export const BlockDialog = ({ action, onClose }: { action: BlockAction; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const refresh = useRefresh();
  const t = (key: string) => translate(`hotline.blockedCallers.${key}`);
  const save = useApiSubmit(
    (values) => {
      const { path, body } = requestOf(action, values);
      return dataProvider.sendJson(path, body);
    },
    () => {
      refresh();
      onClose();
    },
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="block-dialog-title">
      <Form onSubmit={save.submit} noValidate id="block-dialog-form">
        <DialogTitle id="block-dialog-title">
          {t(`actions.${action.kind}`)}
          {action.kind !== 'propose' && ` ${action.block.number}`}
        </DialogTitle>
        <DialogContent>
          <RefusalAlert refusal={save.refusal} />
          {action.kind === 'propose' && (
            <>
              <TextInput source="number" label="hotline.blockedCallers.fields.number" validate={requiredText(30)} autoFocus fullWidth />
              <TextInput source="reason" label="hotline.blockedCallers.fields.reason" validate={requiredText(500)} multiline minRows={2} fullWidth />
              <NumberInput source="days" label="hotline.blockedCallers.fields.days" helperText="hotline.blockedCallers.daysHint" validate={[minValue(1)]} fullWidth />
            </>
          )}
          {(action.kind === 'approve' || action.kind === 'reject') && (
            <TextInput source="comment" label="hotline.blockedCallers.fields.reviewComment" validate={action.kind === 'reject' ? requiredText(500) : [maxLength(500)]} autoFocus fullWidth />
          )}
          {action.kind === 'lift' && <TextInput source="reason" label="hotline.blockedCallers.fields.liftReason" validate={requiredText(500)} autoFocus fullWidth />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" variant="contained" color={action.kind === 'approve' || action.kind === 'propose' ? 'primary' : 'warning'} data-testid="block-dialog-submit">
            {t(`actions.${action.kind}`)}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
