import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { UnitCreate, UnitEdit, UnitTree } from './UnitPages';

export default { list: UnitTree, edit: UnitEdit, create: UnitCreate, icon: AccountTreeIcon, recordRepresentation: 'name' };
