import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { bilingual, fold } from '../procedures.js';
import { problems } from '../schemas.js';

/** Words a definition lists for the finder (`keywords`), each `{vi, en}` or a plain string. */
function keywordsOf(definition: object): { vi: string; en: string }[] {
  const keywords = (definition as { keywords?: unknown }).keywords;
  if (!Array.isArray(keywords)) return [];
  return keywords
    .map((keyword) => bilingual(keyword as never))
    .filter((keyword): keyword is { vi: string; en: string } => keyword !== undefined);
}

export async function catalogueRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { site, procedures } = context;

  app.get(
    '/api/procedures',
    {
      schema: {
        summary: 'The catalogue: every procedure this site takes',
        description:
          'What the kiosk’s finder and start pages need: titles, agency, fees, processing time, documents with their conditions, legal basis and search keys, in vi and en; and the site’s counters.',
        tags: ['catalogue'],
        response: { 200: { $ref: 'Catalogue#' }, ...problems },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return {
        site: { id: site.id, name: site.name, counters: site.counters },
        procedures: procedures.all().map(({ procedure, definition }) => {
          const title = bilingual(definition.title) ?? { vi: procedure.id, en: procedure.id };
          const keywords = keywordsOf(definition);
          const search = [
            ...new Set(
              [title.vi, title.en, ...keywords.flatMap((k) => [k.vi, k.en]), definition.code ?? '']
                .map(fold)
                .filter(Boolean),
            ),
          ];
          return {
            id: procedure.id,
            version: procedure.version,
            ...(definition.code !== undefined && { code: definition.code }),
            title,
            ...(definition.description !== undefined && {
              description: bilingual(definition.description),
            }),
            agency: definition.agency,
            ...(definition.processingTime !== undefined && {
              processingTime: definition.processingTime,
            }),
            fees: definition.fees ?? [],
            legalBasis: definition.legalBasis ?? [],
            documents: definition.documents ?? [],
            keywords,
            search,
            module: `procedures/${procedure.id}.js`,
          };
        }),
      };
    },
  );
}
