// SMS templates: the texts only (codes are fixed by their renderers), with a live preview that
// marks each {placeholder}: allowed ones as chips, unknown ones in red (the API refuses them).
import SmsIcon from '@mui/icons-material/Sms';
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Datagrid, Edit, FunctionField, List, maxLength, SearchInput, SelectInput, TextField, TextInput, useRecordContext, useTranslate, type Validator, Labeled } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { AdminForm } from '../shared/AdminForm';
import { blankToNull } from '../shared/blankToNull';
import { useUpdateSubmit } from '../shared/useRecordSubmit';
import { reasonRule, requiredText } from '../../../shell/forms/fieldRules';
import type { TemplateAnswer } from '../../../../../api/templates/answers';
import type { Json } from '../../../shell/providers/json';

/** GET /api/templates */
type TemplateRow = Json<TemplateAnswer>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

const unknownIn = (text: string, allowed: readonly string[]) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !allowed.includes(name));

const CHANNELS = ['sms', 'voice'] as const;
const templateFilters = [
  <SelectInput key="channel" source="channel" label="hotline.admin.template.fields.channel" choices={CHANNELS.map((id) => ({ id, name: `hotline.admin.template.channel.${id}` }))} alwaysOn />,
  <SearchInput key="q" source="q" alwaysOn />,
];

const ChannelName = ({ channel }: { channel: string }) => <>{useTranslate()(`hotline.admin.template.channel.${channel}`, { _: channel })}</>;

export const TemplateList = () => (
  <List filters={templateFilters} sort={{ field: 'id', order: 'ASC' }} perPage={50}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="id" label="hotline.admin.template.fields.code" />
      <FunctionField source="channel" label="hotline.admin.template.fields.channel" render={(row: { channel: string }) => <ChannelName channel={row.channel} />} />
      <TextField source="description" label="hotline.admin.template.fields.description" />
      <TextField source="body" label="hotline.admin.template.fields.body" />
    </Datagrid>
  </List>
);

/** The text with its placeholders marked, as the citizen would receive it with values filled in. */
const Preview = ({ source, allowed }: { source: 'body' | 'bodyEn'; allowed: readonly string[] }) => {
  const text = useWatch({ name: source }) as string | null | undefined;
  const parts = (text ?? '').split(/(\{[^{}]*\})/g);
  return (
    <Typography component="div" variant="body2" sx={{ lineHeight: 2 }} data-testid={`preview-${source}`}>
      {parts.map((part, index) => {
        const name = /^\{([^{}]*)\}$/.exec(part)?.[1];
        if (name === undefined) return <span key={index}>{part}</span>;
        return <Chip key={index} size="small" color={allowed.includes(name) ? 'primary' : 'error'} label={name} data-placeholder={name} />;
      })}
    </Typography>
  );
};

const TemplateForm = () => {
  const translate = useTranslate();
  const record = useRecordContext<TemplateRow>();
  const save = useUpdateSubmit({ toBody: blankToNull });
  if (!record) return null;
  const placeholderRule: Validator = (value: unknown) => {
    const unknown = typeof value === 'string' ? unknownIn(value, record.placeholders) : [];
    return unknown.length === 0 ? undefined : { message: 'hotline.admin.template.unknownPlaceholders', args: { names: unknown.join(', ') } };
  };
  return (
    <AdminForm save={save}>
      <Labeled label="hotline.admin.template.fields.code">
        <TextField source="id" />
      </Labeled>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">{translate('hotline.admin.template.allowed')}</Typography>
        {record.placeholders.map((name) => (
          <Chip key={name} size="small" variant="outlined" label={`{${name}}`} />
        ))}
      </Stack>
      <TextInput source="description" label="hotline.admin.template.fields.description" validate={requiredText(200)} fullWidth />
      <TextInput source="body" label="hotline.admin.template.fields.body" validate={[...requiredText(500), placeholderRule]} multiline fullWidth autoFocus />
      <TextInput source="bodyEn" label="hotline.admin.template.fields.bodyEn" validate={[maxLength(1000), placeholderRule]} multiline fullWidth />
      <Card variant="outlined" sx={{ width: '100%' }}>
        <CardContent>
          <Typography variant="subtitle2">{translate('hotline.admin.template.preview')}</Typography>
          <Preview source="body" allowed={record.placeholders} />
          <Box sx={{ mt: 1 }}>
            <Preview source="bodyEn" allowed={record.placeholders} />
          </Box>
        </CardContent>
      </Card>
      <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth />
    </AdminForm>
  );
};

export const TemplateEdit = () => (
  <Edit mutationMode="pessimistic">
    <TemplateForm />
  </Edit>
);

export default { list: TemplateList, edit: TemplateEdit, icon: SmsIcon };
