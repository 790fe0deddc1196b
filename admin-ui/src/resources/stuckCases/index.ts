// The stuck-cases screen, as App.tsx registers it (a resource with a list only), and its banner.
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { StuckCaseList } from './StuckCaseList';

export { StuckCasesBanner } from './StuckCasesBanner';
export { STUCK_CASE_READERS } from './access';

export default { list: StuckCaseList, icon: ReportProblemIcon };
