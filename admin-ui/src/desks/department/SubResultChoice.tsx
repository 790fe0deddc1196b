// `reviewSubResult`: which sub-unit's result is reviewed (several may wait once a case went to
// several sub-units), and that result as the reviewer reads it.
import { RadioButtonGroupInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { UnitLabel } from '../../shell/common/UnitLabel';
import type { CaseAssignment, CaseRecord } from '../../resources/cases/types';
import { latestResultOf } from './assignments';
import { SubmittedResult } from './SubmittedResult';
import { requiredChoice } from './validation';

export const SubResultChoice = ({ record, waiting }: { record: CaseRecord; waiting: CaseAssignment[] }) => {
  const chosen = useWatch({ name: 'assignmentId' }) as string | undefined;
  return (
    <>
      <RadioButtonGroupInput
        source="assignmentId"
        label="hotline.department.fields.subAssignment"
        choices={waiting.map((assignment) => ({ id: assignment.id, name: <UnitLabel unitId={assignment.unitId} /> }))}
        defaultValue={waiting[0]?.id}
        validate={requiredChoice}
        translateChoice={false}
        row
      />
      {chosen && <SubmittedResult caseId={record.id} result={latestResultOf(record, chosen)} />}
    </>
  );
};
