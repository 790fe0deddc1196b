// GET /api/openapi.json: the API's description, public like the API's documentation would be.
import { Router } from 'express';
import { buildOpenApiDocument } from './document';

export function openApiRoutes(version: string): Router {
  const router = Router();
  const document = buildOpenApiDocument(version);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
