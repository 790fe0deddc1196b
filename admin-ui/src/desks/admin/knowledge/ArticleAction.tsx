// One step of an article's review (submit, publish, send back, retire, start a revision):
// POST /api/knowledge/:id/<action>. Refusals (four eyes, wrong state) shown in the dialog.
import { Button } from '@mui/material';
import { useState } from 'react';
import { maxLength, TextInput, useCreatePath, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import { useNavigate } from 'react-router-dom';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';

export type ArticleActionName = 'submit' | 'publish' | 'send-back' | 'retire' | 'revisions';

interface ArticleActionProps {
  action: ArticleActionName;
  /** send-back and retire need a reason; the others take an optional one. */
  reasonRequired?: boolean;
  color?: 'primary' | 'error' | 'success' | 'warning';
}

export const ArticleAction = ({ action, reasonRequired = false, color = 'primary' }: ArticleActionProps) => {
  const translate = useTranslate();
  const record = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [open, setOpen] = useState(false);
  const label = `hotline.admin.knowledge.action.${action}`;
  const save = useApiSubmit(
    (values) => dataProvider.sendJson<{ id: string } | null>(`/api/knowledge/${encodeURIComponent(record?.id ?? '')}/${action}`, { reason: values.reason || null }),
    (article) => {
      setOpen(false);
      notify('hotline.admin.knowledge.done', { type: 'info', messageArgs: { action: translate(label) } });
      // A revision opens as a new draft; a published revision lands on its article.
      if (article !== null && article.id !== record?.id) navigate(createPath({ resource: 'knowledge', type: 'edit', id: article.id }));
      else refresh();
    },
  );
  if (!record) return null;
  return (
    <>
      <Button variant="outlined" color={color} onClick={() => setOpen(true)} data-testid={`article-${action}`}>
        {translate(label)}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate(label)} save={save}>
        <TextInput source="reason" label={reasonRequired ? 'hotline.admin.knowledge.reviewComment' : 'hotline.admin.fields.reason'} validate={reasonRequired ? requiredText(500) : maxLength(500)} multiline fullWidth autoFocus />
      </FormDialog>
    </>
  );
};
