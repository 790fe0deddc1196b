import TimerIcon from '@mui/icons-material/Timer';
import { PolicyCreate, PolicyEdit, PolicyList } from './PolicyPages';

export default { list: PolicyList, edit: PolicyEdit, create: PolicyCreate, icon: TimerIcon };
