import { CategoryCreate, CategoryEdit, CategoryTree, categoryIcon } from './CategoryPages';

export default { list: CategoryTree, edit: CategoryEdit, create: CategoryCreate, icon: categoryIcon, recordRepresentation: 'name' };
