// 指定承办人: a unit names the person who handles its part of a case. A leader picks any of the
// unit's handlers and leaders (and so reassigns); a handler may only take the case themselves.
// The picker reads the unit's people (GET /api/units/:id/handlers); the workflow checks the
// named user again and texts them.
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { SelectInput, TextInput, useDataProvider, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { ownAssignments } from '../../resources/cases/actions/registry';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseAssignment, CaseRecord } from '../../resources/cases/types';
import type { HotlineIdentity } from '../../shell/providers/authProvider';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { optionalText } from '../../shell/forms/fieldRules';
import { requiredChoice } from './validation';

/** Parts over: nobody is named for them any more (as the workflow's decide). */
const FINISHED = new Set(['returned', 'withdrawn', 'completed', 'opinionSubmitted']);

interface UnitHandler {
  id: string;
  displayName: string;
  roles: string[];
}

/** The user's unit's parts still to be done, latest round first. */
export const liveOwnAssignments = (record: CaseRecord, identity: HotlineIdentity): CaseAssignment[] =>
  ownAssignments(record, identity).filter((a) => !FINISHED.has(a.status)).sort((a, b) => b.round - a.round);

const useUnitHandlers = (unitId: string | null) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'unitHandlers', unitId],
    enabled: unitId !== null,
    queryFn: ({ signal }) => dataProvider.getJson<UnitHandler[]>(`/api/units/${encodeURIComponent(unitId!)}/handlers`, { signal }),
  });
};

export const AssignHandlerAction = ({ record, identity }: { record: CaseRecord; identity: HotlineIdentity }) => {
  const translate = useTranslate();
  const { data: people = [], isPending } = useUnitHandlers(identity.unitId);
  const live = liveOwnAssignments(record, identity);
  if (live.length === 0) return null;
  const leader = identity.roles.includes('unitLeader');
  const choices = (leader ? people : people.filter((p) => p.id === identity.id)).map((p) => ({
    id: p.id,
    name: `${p.displayName}（${p.roles.map((r) => translate(`hotline.department.assignHandler.role.${r}`)).join('、')}）`,
  }));
  const part = (a: CaseAssignment) => `${translate(`hotline.case.assignmentRole.${a.role}`)} · ${a.handlerName ?? translate('hotline.department.assignHandler.nobody')}`;
  return (
    <CommandDialog
      caseId={record.id}
      command="assignHandler"
      label="hotline.department.actions.assignHandler"
      icon={<PersonAddIcon />}
      defaultValues={{ assignmentId: live[0]!.id, handlerId: leader ? undefined : identity.id }}
      toBody={(values: FieldValues) => ({ assignmentId: values.assignmentId, handlerId: values.handlerId, note: typeof values.note === 'string' && values.note.trim() !== '' ? values.note.trim() : null })}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate(leader ? 'hotline.department.assignHandler.leaderHint' : 'hotline.department.assignHandler.handlerHint')}</Alert>
      {live.length > 1 ? (
        <SelectInput source="assignmentId" label="hotline.department.fields.assignmentId" choices={live.map((a) => ({ id: a.id, name: part(a) }))} validate={requiredChoice} fullWidth />
      ) : (
        live[0]!.handlerName && <Alert severity="warning" sx={{ mb: 2 }}>{translate('hotline.department.assignHandler.current', { name: live[0]!.handlerName })}</Alert>
      )}
      <SelectInput source="handlerId" label="hotline.department.fields.handlerId" choices={choices} validate={requiredChoice} isPending={isPending} fullWidth autoFocus />
      <TextInput source="note" label="hotline.department.fields.note" validate={optionalText(2000)} multiline minRows={2} fullWidth />
    </CommandDialog>
  );
};
