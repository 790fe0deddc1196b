// Every case the user may see, with the warning light and working time left; the API's filters.
import {
  AutocompleteInput,
  BooleanInput,
  DatagridConfigurable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextField,
  TopToolbar,
  SelectColumnsButton,
  useTranslate,
} from 'react-admin';
import { LocalizedNameField } from '../../shell/common/LocalizedName';
import { CaseStatusField } from './fields/CaseStatusField';
import { HandlingMarksField } from './fields/HandlingMarksField';
import { TimeLeftField } from './fields/TimeLeftField';
import { WarningLightField } from './fields/WarningLightField';
import { CASE_STATUSES, CHANNELS } from './vocabulary';

const useChoices = (values: readonly string[], prefix: string) => {
  const translate = useTranslate();
  return values.map((id) => ({ id, name: translate(`${prefix}.${id}`) }));
};

const useCaseFilters = () => {
  const statuses = useChoices(CASE_STATUSES, 'hotline.case.status');
  const channels = useChoices(CHANNELS, 'hotline.case.channel');
  const warnings = useChoices(['green', 'yellow', 'red'], 'hotline.case.warning');
  const modes = useChoices(['system', 'phone', 'written'], 'hotline.case.marks.mode');
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectArrayInput key="status" source="status" label="hotline.case.fields.status" choices={statuses} />,
    <SelectArrayInput key="warningLevel" source="warningLevel" label="hotline.case.fields.warningLevel" choices={warnings} />,
    <SelectArrayInput key="channel" source="channel" label="hotline.case.fields.channel" choices={channels} />,
    <ReferenceInput key="caseTypeCode" source="caseTypeCode" reference="case-types">
      <SelectInput label="hotline.case.fields.caseTypeCode" optionText="name" />
    </ReferenceInput>,
    <ReferenceInput key="unitId" source="unitId" reference="units">
      <AutocompleteInput label="hotline.case.fields.unitId" optionText="name" />
    </ReferenceInput>,
    <ReferenceInput key="categoryId" source="categoryId" reference="categories">
      <AutocompleteInput label="hotline.case.fields.categoryId" optionText="name" />
    </ReferenceInput>,
    <BooleanInput key="overdue" source="overdue" label="hotline.case.fields.overdue" />,
    <BooleanInput key="extensionPending" source="extensionPending" label="hotline.case.fields.extensionPending" />,
    <BooleanInput key="leaderInstructed" source="leaderInstructed" label="hotline.case.fields.leaderInstructed" />,
    <BooleanInput key="forwardedToMe" source="forwardedToMe" label="hotline.case.fields.forwardedToMe" />,
    <SelectArrayInput key="dispatchMode" source="dispatchMode" label="hotline.case.fields.dispatchMode" choices={modes} />,
  ];
};

const CaseListActions = () => (
  <TopToolbar>
    <FilterButton />
    <SelectColumnsButton />
    <ExportButton />
  </TopToolbar>
);

/** The columns every case list shows; queues reuse them. */
export const CaseColumns = () => [
  <WarningLightField key="warningLevel" label="hotline.case.fields.warningLevel" sortBy="warningLevel" />,
  <TextField key="id" source="id" label="hotline.case.fields.id" />,
  <TextField key="title" source="title" label="hotline.case.fields.title" />,
  <CaseStatusField key="status" label="hotline.case.fields.status" sortBy="status" />,
  <HandlingMarksField key="marks" label="hotline.case.fields.marks" sortBy="leaderInstructedAt" />,
  <TimeLeftField key="timeLeft" label="hotline.case.fields.timeLeft" sortBy="handleDueAt" />,
  <ReferenceField key="leadUnitId" source="leadUnitId" reference="units" label="hotline.case.fields.leadUnitId" link={false} emptyText="—">
    <LocalizedNameField />
  </ReferenceField>,
  <DateField key="registeredAt" source="registeredAt" label="hotline.case.fields.registeredAt" showTime />,
];

export const CaseList = () => {
  const filters = useCaseFilters();
  return (
    <List filters={filters} actions={<CaseListActions />} sort={{ field: 'registeredAt', order: 'DESC' }} storeKey="cases.list">
      <DatagridConfigurable rowClick="show" bulkActionButtons={false}>
        {CaseColumns()}
      </DatagridConfigurable>
    </List>
  );
};
