// The knowledge base: articles by status, drafts edited (title, category, keywords, answers in
// order), and the review panel. Only drafts are editable; the rest read as they are.
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { ArrayInput, AutocompleteInput, Create, Datagrid, DateField, Edit, List, ReferenceField, ReferenceInput, required, SearchInput, SelectInput, SimpleFormIterator, TextArrayInput, TextField, TextInput, TopToolbar, CreateButton, useRecordContext, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { LocalizedNameField } from '../../../shell/common/LocalizedName';
import { AdminForm } from '../shared/AdminForm';
import { useCreateSubmit, useUpdateSubmit } from '../shared/useRecordSubmit';
import { reasonRule, requiredText } from '../../../shell/forms/fieldRules';
import { searchByText } from '../units/UnitForm';
import { ArticleReview, ArticleStatusChip } from './ArticleReview';
import type { Article } from './types';

const STATUSES = ['draft', 'inReview', 'published', 'retired'] as const;
const statusChoices = STATUSES.map((id) => ({ id, name: `hotline.admin.knowledge.status.${id}` }));

const articleFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" label="hotline.admin.knowledge.fields.status" choices={statusChoices} alwaysOn />,
];

export const ArticleList = () => (
  <List filters={articleFilters} sort={{ field: 'updatedAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="title" label="hotline.admin.knowledge.fields.title" />
      <ReferenceField source="categoryId" reference="categories" label="hotline.admin.knowledge.fields.categoryId" link={false} emptyText="—">
        <LocalizedNameField />
      </ReferenceField>
      <ArticleStatusChip />
      <DateField source="updatedAt" label="hotline.admin.knowledge.fields.updatedAt" showTime />
    </Datagrid>
  </List>
);

/** The body the API takes: the answers' texts in order, nothing else of them. */
const toArticleBody = (values: FieldValues) => ({
  title: values.title,
  categoryId: values.categoryId || null,
  keywords: Array.isArray(values.keywords) ? values.keywords : [],
  answers: Array.isArray(values.answers) ? values.answers.map((answer: { body?: string }) => ({ body: answer.body ?? '' })) : [],
  reason: values.reason || null,
});

const ArticleInputs = () => (
  <>
    <TextInput source="title" label="hotline.admin.knowledge.fields.title" validate={requiredText(200)} fullWidth autoFocus />
    <ReferenceInput source="categoryId" reference="categories" perPage={50} filter={{ active: true }}>
      <AutocompleteInput label="hotline.admin.knowledge.fields.categoryId" optionText="name" filterToQuery={searchByText} />
    </ReferenceInput>
    <TextArrayInput source="keywords" label="hotline.admin.knowledge.fields.keywords" helperText="hotline.admin.knowledge.keywordsHint" fullWidth />
    <ArrayInput source="answers" label="hotline.admin.knowledge.fields.answers" validate={required()}>
      <SimpleFormIterator inline={false} disableReordering={false}>
        <TextInput source="body" label="hotline.admin.knowledge.fields.answer" validate={requiredText(5000)} multiline minRows={2} fullWidth />
      </SimpleFormIterator>
    </ArrayInput>
    <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth />
  </>
);

/** A text that is not a draft reads as it stands (a change of a published one is a revision). */
const ArticleText = () => {
  const translate = useTranslate();
  const article = useRecordContext<Article>();
  if (!article) return null;
  return (
    <CardContent>
      <Typography variant="h6">{article.title}</Typography>
      {article.keywords.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('hotline.admin.knowledge.fields.keywords')}: {article.keywords.join('、')}
        </Typography>
      )}
      <Stack spacing={1} sx={{ mt: 2 }}>
        {article.answers.map((answer, index) => (
          <Card key={answer.id} variant="outlined">
            <CardContent>
              <Typography variant="caption" color="text.secondary">
                {translate('hotline.admin.knowledge.answerNumber', { n: index + 1 })}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {answer.body}
              </Typography>
            </CardContent>
          </Card>
        ))}
      </Stack>
    </CardContent>
  );
};

const ArticleEditBody = () => {
  const article = useRecordContext<Article>();
  const save = useUpdateSubmit({ toBody: toArticleBody, redirect: false });
  if (!article) return null;
  return article.status === 'draft' ? (
    <AdminForm save={save} deletable>
      <ArticleInputs />
    </AdminForm>
  ) : (
    <ArticleText />
  );
};

export const ArticleEdit = () => (
  <Edit mutationMode="pessimistic" actions={<TopToolbar sx={{ width: '100%' }}><ArticleReview /></TopToolbar>}>
    <ArticleEditBody />
  </Edit>
);

const ArticleCreateForm = () => {
  const save = useCreateSubmit({ toBody: toArticleBody, redirect: 'edit' });
  return (
    <AdminForm save={save} defaultValues={{ keywords: [], answers: [{ body: '' }] }}>
      <ArticleInputs />
    </AdminForm>
  );
};

export const ArticleCreate = () => (
  <Create>
    <ArticleCreateForm />
  </Create>
);

export default { list: ArticleList, edit: ArticleEdit, create: ArticleCreate, icon: MenuBookIcon, recordRepresentation: 'title' };
