// A knowledge article as GET /api/knowledge/:id answers it (api/knowledge/answers.ts), with
// dates as the strings JSON carries.
import type { ArticleAnswer } from '../../../../../api/knowledge/answers';
import type { Json } from '../../../shell/providers/json';

export type Article = Json<ArticleAnswer>;
