import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { Problem } from '../problems.js';
import { bilingual, fold } from '../procedures.js';
import { problems, shortId } from '../schemas.js';

export async function catalogueRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { site, procedures } = context;

  app.get(
    '/api/procedures',
    {
      schema: {
        summary: 'The catalogue: every procedure this site takes, and the site',
        description:
          'What the kiosk’s finder and start pages need: titles, who may file, whether it can be finished online, agency, fees, processing time, documents with their conditions, legal basis and search keys, in vi and en; and the site: its counters, opening hours, languages, whether papers may be brought to the counter, and where to go for what it does not take.',
        tags: ['catalogue'],
        response: { 200: { $ref: 'Catalogue#' }, ...problems },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return {
        site: {
          id: site.id,
          name: site.name,
          counters: site.counters,
          ...(site.administrativeCode && { administrativeCode: site.administrativeCode }),
          ...(site.openingHours && { openingHours: site.openingHours }),
          languages: site.languages,
          filesAtCounter: site.filesAtCounter,
          elsewhere: site.elsewhere.map((entry) => ({
            ...entry,
            search: searchKeys([entry.title, ...entry.keywords]),
          })),
        },
        procedures: procedures.all().map(({ procedure, definition, declaration }) => {
          const title = bilingual(definition.title) ?? { vi: procedure.id, en: procedure.id };
          const keywords = (definition.keywords ?? []).map((keyword) => bilingual(keyword)!);
          return {
            id: procedure.id,
            version: procedure.version,
            ...(definition.code !== undefined && { code: definition.code }),
            title,
            ...(definition.description !== undefined && {
              description: bilingual(definition.description),
            }),
            ...(definition.audience !== undefined && {
              audience: bilingual(definition.audience),
            }),
            ...(definition.online !== undefined && { online: definition.online }),
            agency: definition.agency,
            ...(definition.processingTime !== undefined && {
              processingTime: definition.processingTime,
            }),
            fees: definition.fees ?? [],
            legalBasis: definition.legalBasis ?? [],
            documents: definition.documents ?? [],
            keywords,
            search: searchKeys([title, ...keywords], definition.code),
            hasDeclaration: declaration !== undefined,
            module: `procedures/${procedure.id}.js`,
          };
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/procedures/:id/declaration',
    {
      schema: {
        summary: 'The declaration (tờ khai) of a procedure, to fill and print',
        description:
          'The template kept beside the definition (`<id>.declaration.json`): a title, sections of rows (a label and a field id, or a fixed text) and the words over the signature, in vi and en as the template writes them. The page fills it with the answers and prints it; it is data, never HTML. 404 when the procedure has none (`hasDeclaration` in the catalogue).',
        tags: ['catalogue'],
        params: { type: 'object', properties: { id: shortId } },
        response: { 200: { $ref: 'Declaration#' }, ...problems },
      },
    },
    async (request, reply) => {
      const entry = procedures.get(request.params.id);
      if (!entry) {
        throw new Problem('unknown-procedure', {
          procedure: request.params.id,
          known: procedures.ids.join(', '),
        });
      }
      if (!entry.declaration) {
        throw new Problem('no-declaration', {
          procedure: entry.procedure.id,
          title: bilingual(entry.definition.title),
        });
      }
      reply.header('cache-control', 'no-cache');
      const { $schema: _schema, ...template } = entry.declaration;
      return template;
    },
  );
}

/** The finder's search keys: each text in both languages, folded, each once. */
function searchKeys(texts: readonly { vi: string; en: string }[], code?: string): string[] {
  return [
    ...new Set(
      [...texts.flatMap((text) => [text.vi, text.en]), code ?? ''].map(fold).filter(Boolean),
    ),
  ];
}
