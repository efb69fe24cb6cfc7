// JSON schemas of the API: fastify validates requests and serialises responses with them, and
// @fastify/swagger turns them into the OpenAPI document at /api/openapi.json.

const bilingual = {
  type: 'object',
  description: 'The same text in Vietnamese and English.',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
} as const;

/** Any JSON object: definitions' parts (conditions, fee notes) and answers pass through as is. */
const anyObject = { type: 'object', additionalProperties: true } as const;

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description:
    'An RFC 9457 problem. `detail` says what to do, in the language asked for (Accept-Language, vi by default); `i18n` has the title and detail in both languages.',
  required: ['type', 'title', 'status', 'detail', 'i18n'],
  additionalProperties: true,
  properties: {
    type: { type: 'string', examples: ['tag:motcua,2026:problem/invalid-answers'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    i18n: {
      type: 'object',
      required: ['vi', 'en'],
      properties: {
        vi: {
          type: 'object',
          properties: { title: { type: 'string' }, detail: { type: 'string' } },
        },
        en: {
          type: 'object',
          properties: { title: { type: 'string' }, detail: { type: 'string' } },
        },
      },
    },
    errors: {
      type: 'array',
      description: 'With invalid-answers and invalid-request: each thing to fix.',
      items: anyObject,
    },
  },
} as const;

/**
 * Responses every route may give: a problem for each 4xx and 5xx, as the media type the error
 * handler sends (a bare schema would be listed as application/json, or as the route's own type,
 * such as text/event-stream).
 */
const problemResponse = {
  description: 'A problem (RFC 9457): what went wrong and what to do, in Vietnamese and English.',
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
} as const;
export const problems = { '4xx': problemResponse, '5xx': problemResponse } as const;

const fileStatus = {
  type: 'object',
  required: ['field', 'name', 'size', 'type', 'received'],
  properties: {
    field: {
      type: 'string',
      description: 'The file field, as a path (`members.1.idCard` in a group row).',
    },
    name: { type: 'string' },
    size: { type: 'integer' },
    type: { type: 'string' },
    received: { type: 'boolean' },
    sha256: { type: 'string' },
  },
} as const;

export const receiptSchema = {
  $id: 'Receipt',
  type: 'object',
  description:
    'What the citizen is given when a dossier is stored. A retry with the same Idempotency-Key and the same dossier gets this very receipt again.',
  required: [
    'dossierCode',
    'accessCode',
    'receivedAt',
    'procedure',
    'site',
    'files',
    'missingFiles',
    'papers',
  ],
  properties: {
    dossierCode: { type: 'string', examples: ['HS-20261130-HK-0001'] },
    accessCode: {
      type: 'string',
      description: 'The secret that goes with the code, to see the status or send files.',
      examples: ['7K3Q-F9XD'],
    },
    receivedAt: { type: 'string', format: 'date-time' },
    site: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: bilingual },
    },
    procedure: {
      type: 'object',
      required: ['id', 'version', 'title'],
      properties: { id: { type: 'string' }, version: { type: 'string' }, title: bilingual },
    },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title'],
        properties: { id: { type: 'string' }, title: bilingual },
      },
    },
    channel: {
      type: 'string',
      enum: ['online', 'in-person', 'kiosk', 'post'],
      description: 'Where it was filed: the channel its fees are for.',
    },
    fees: {
      type: 'array',
      description:
        'The fees that apply on this channel: `amount` is the line’s total (`unitAmount` × `quantity`), absent when the officer will say it.',
      items: {
        type: 'object',
        required: ['id', 'label', 'quantity'],
        properties: {
          id: { type: 'string' },
          label: bilingual,
          note: bilingual,
          quantity: { type: 'integer' },
          unitAmount: { type: 'number' },
          amount: { type: 'number' },
        },
      },
    },
    feeTotal: { type: 'number', description: 'The sum of the known amounts, in đồng.' },
    feesComplete: {
      type: 'boolean',
      description:
        'False when a fee’s amount is left to the officer: `feeTotal` is then not final.',
    },
    processingTime: anyObject,
    files: {
      type: 'array',
      items: fileStatus,
      description: 'The files to upload (not those brought on paper).',
    },
    missingFiles: { type: 'integer', description: 'How many declared files are still to send.' },
    papers: {
      type: 'array',
      description:
        'Files the citizen will bring to the counter on paper instead of uploading them: to list with the documents to bring.',
      items: {
        type: 'object',
        required: ['field', 'label'],
        properties: {
          field: {
            type: 'string',
            description: 'The file field, as a path (`members.1.idCard` in a group row).',
          },
          label: bilingual,
        },
      },
    },
    statusUrl: { type: 'string' },
    filesUrl: { type: 'string' },
  },
} as const;

export const dossierStatusSchema = {
  $id: 'DossierStatus',
  type: 'object',
  required: ['dossierCode', 'status', 'receivedAt', 'procedure', 'files', 'missingFiles'],
  properties: {
    dossierCode: { type: 'string' },
    status: {
      type: 'string',
      enum: ['awaiting-files', 'received'],
      description: '`awaiting-files` until every declared file is stored, then `received`.',
    },
    receivedAt: { type: 'string', format: 'date-time' },
    procedure: receiptSchema.properties.procedure,
    files: { type: 'array', items: fileStatus },
    missingFiles: { type: 'integer' },
  },
} as const;

const counterSchema = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', description: 'What the ticket shows, such as "1" or "A".' },
    name: bilingual,
    procedures: {
      type: 'array',
      items: { type: 'string' },
      description: 'The procedures it takes; every one when absent.',
    },
  },
} as const;

export const catalogueSchema = {
  $id: 'Catalogue',
  type: 'object',
  required: ['site', 'procedures'],
  properties: {
    site: {
      type: 'object',
      required: ['id', 'name', 'counters', 'languages', 'filesAtCounter', 'elsewhere'],
      properties: {
        id: { type: 'string' },
        name: bilingual,
        counters: { type: 'array', items: counterSchema },
        administrativeCode: {
          type: 'object',
          description:
            'Where the site is: the province (2 digits) and, for a commune, the commune (5 digits), as in the address data since 1 July 2025.',
          required: ['province'],
          properties: { province: { type: 'string' }, commune: { type: 'string' } },
        },
        openingHours: bilingual,
        languages: {
          type: 'array',
          items: { type: 'string', enum: ['vi', 'en'] },
          description: 'The languages the kiosk offers, Vietnamese first.',
        },
        filesAtCounter: {
          type: 'boolean',
          description:
            'Whether a citizen at a kiosk may bring a paper to the counter instead of uploading it (where the field allows it).',
        },
        elsewhere: {
          type: 'array',
          description: 'Procedures this site does not take, and where to go for them instead.',
          items: {
            type: 'object',
            required: ['keywords', 'title', 'where', 'search'],
            properties: {
              keywords: { type: 'array', items: bilingual },
              title: bilingual,
              where: bilingual,
              search: {
                type: 'array',
                items: { type: 'string' },
                description: 'The title and keywords in lower case without diacritics.',
              },
            },
          },
        },
      },
    },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'version', 'title', 'module', 'search', 'keywords', 'hasDeclaration'],
        properties: {
          id: { type: 'string' },
          version: { type: 'string' },
          code: { type: 'string', description: 'The national procedure code.' },
          title: bilingual,
          description: bilingual,
          audience: { ...bilingual, description: 'Who may file it, in one or two sentences.' },
          online: {
            type: 'string',
            enum: ['full', 'partial', 'counter'],
            description:
              'Whether it can be finished on the national portal: fully (a VNeID level-2 account is needed), partly, or only at the counter.',
          },
          agency: anyObject,
          processingTime: anyObject,
          fees: { type: 'array', items: anyObject },
          legalBasis: { type: 'array', items: anyObject },
          documents: {
            type: 'array',
            description: 'Each with its condition (`when`) as data, to be shown as a sentence.',
            items: anyObject,
          },
          keywords: { type: 'array', items: bilingual },
          search: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Search keys for the finder: titles and keywords, in lower case without diacritics.',
          },
          hasDeclaration: {
            type: 'boolean',
            description: 'Whether GET /api/procedures/{id}/declaration has a declaration to print.',
          },
          module: {
            type: 'string',
            description: 'The compiled procedure for pages, relative to a page of the site.',
          },
        },
      },
    },
  },
} as const;

/** A text as a declaration template writes it: one string, or one text per language. */
const templateText = {
  anyOf: [
    { type: 'string' },
    { type: 'object', required: ['vi'], additionalProperties: { type: 'string' } },
  ],
} as const;

export const declarationSchema = {
  $id: 'Declaration',
  type: 'object',
  description:
    'A declaration template (@motcua/core/schema/declaration.schema.json): the page fills each row with the answer of its field and prints it for signing.',
  required: ['title', 'sections', 'signature'],
  properties: {
    title: templateText,
    intro: templateText,
    sections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['heading', 'rows'],
        properties: {
          heading: templateText,
          rows: {
            type: 'array',
            items: {
              type: 'object',
              description: '{label, field}: a field’s answer; {text}: a fixed sentence.',
              properties: { label: templateText, field: { type: 'string' }, text: templateText },
            },
          },
        },
      },
    },
    signature: templateText,
  },
} as const;

export const ticketSchema = {
  $id: 'Ticket',
  type: 'object',
  required: ['site', 'counter', 'number', 'day', 'issuedAt'],
  properties: {
    site: { type: 'string' },
    counter: { type: 'string' },
    number: { type: 'integer', description: 'From 1 each day at each counter, with no gap.' },
    day: { type: 'string', description: 'yyyy-mm-dd in the site’s time zone.' },
    issuedAt: { type: 'string', format: 'date-time' },
    procedure: { type: 'string' },
    counterName: bilingual,
  },
} as const;

export const draftSchema = {
  $id: 'Draft',
  type: 'object',
  required: ['procedure', 'version', 'answers', 'savedAt', 'expiresAt'],
  properties: {
    procedure: { type: 'string' },
    version: { type: 'string' },
    answers: anyObject,
    step: { type: 'string' },
    locale: { type: 'string', enum: ['vi', 'en'] },
    savedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const helpRequestSchema = {
  $id: 'HelpRequest',
  type: 'object',
  required: ['id', 'site', 'kiosk', 'status', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'integer' },
    site: { type: 'string' },
    kiosk: { type: 'string' },
    procedure: { type: ['string', 'null'] },
    step: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['open', 'taken', 'done'] },
    takenBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    hasDossier: {
      type: 'boolean',
      description: 'Whether the kiosk shares the dossier in progress (GET /api/help/{id}/dossier).',
    },
    dossierUpdatedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the shared dossier last changed; null when none is shared.',
    },
  },
} as const;

export const sharedDossierSchema = {
  $id: 'SharedDossier',
  type: 'object',
  description:
    'The dossier in progress a kiosk shares with the volunteer it called: answers only (never file bytes), kept until the session ends or for 30 minutes after its last change.',
  required: ['help', 'procedure', 'version', 'answers', 'updatedAt', 'expiresAt'],
  properties: {
    help: { type: 'integer', description: 'The help request it belongs to.' },
    procedure: { type: 'string' },
    version: { type: 'string' },
    answers: anyObject,
    step: { type: ['string', 'null'] },
    locale: { type: 'string', enum: ['vi', 'en'] },
    updatedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** The largest insight summary: 200 entries of each list fit in well under it. */
export const INSIGHT_BODY_BYTES = 32 * 1024;

/** One id of a definition, as steps, fields and row fields are named: never a row number. */
const ID_SEGMENT = '[A-Za-z][A-Za-z0-9_-]{0,63}';
const insightStep = {
  type: 'string',
  pattern: `^${ID_SEGMENT}$`,
  description: 'A step id of the procedure, or "review".',
} as const;
const insightField = {
  type: 'string',
  pattern: `^${ID_SEGMENT}(\\.${ID_SEGMENT}){0,3}$`,
  description: 'A field id; a row field as `group.field`, without the row number.',
} as const;
const insightCode = {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,99}$',
  description: 'The message code shown, such as `required` or `vn-person-name.typed`.',
} as const;
const insightCount = { type: 'integer', minimum: 1, maximum: 100 } as const;
const fieldMessages = {
  type: 'array',
  maxItems: 200,
  items: {
    type: 'object',
    required: ['step', 'field', 'code', 'count'],
    additionalProperties: false,
    properties: { step: insightStep, field: insightField, code: insightCode, count: insightCount },
  },
} as const;

/** What a page sends when a citizen's session ends: counts, never answers (docs/insights.md). */
export const insightSummarySchema = {
  type: 'object',
  required: ['procedure', 'version', 'channel', 'outcome', 'last', 'steps'],
  additionalProperties: false,
  properties: {
    procedure: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'string', minLength: 1, maxLength: 50 },
    channel: { type: 'string', enum: ['kiosk', 'online'] },
    outcome: { type: 'string', enum: ['submitted', 'left'] },
    last: { ...insightStep, description: 'Where the citizen was when the session ended.' },
    steps: {
      type: 'array',
      maxItems: 200,
      description: 'The steps reached, in order, each once, with the total time on it.',
      items: {
        type: 'object',
        required: ['step', 'ms'],
        additionalProperties: false,
        properties: {
          step: insightStep,
          ms: {
            type: 'integer',
            minimum: 0,
            maximum: 7 * 24 * 3_600_000,
            description: 'Milliseconds on the step in all; more than an hour counts as an hour.',
          },
        },
      },
    },
    errors: { ...fieldMessages, description: 'Errors shown after Continue, with how often.' },
    warnings: { ...fieldMessages, description: 'Warnings the citizen confirmed by continuing.' },
    help: {
      type: 'array',
      maxItems: 200,
      description: 'Help asked for, by step.',
      items: {
        type: 'object',
        required: ['step', 'count'],
        additionalProperties: false,
        properties: { step: insightStep, count: insightCount },
      },
    },
  },
} as const;

export const insightReportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    procedure: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'string', minLength: 1, maxLength: 50 },
    from: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'yyyy-mm-dd' },
    to: {
      type: 'string',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'yyyy-mm-dd, included; today by default.',
    },
    channel: { type: 'string', enum: ['kiosk', 'online', 'in-person', 'post'] },
  },
} as const;

const insightFieldCount = {
  type: 'object',
  required: ['field', 'label', 'step', 'code', 'count'],
  properties: {
    field: { type: 'string' },
    label: bilingual,
    step: { type: 'string', description: 'The step that asks the field.' },
    code: { type: 'string' },
    count: { type: 'integer' },
    message: {
      ...bilingual,
      description: 'The message the citizen saw, when it does not depend on the answer.',
    },
  },
} as const;

export const insightReportSchema = {
  $id: 'InsightReport',
  type: 'object',
  description:
    'Where citizens fail, per procedure version, over a period: counts only (docs/insights.md).',
  required: ['site', 'from', 'to', 'procedures'],
  properties: {
    site: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: bilingual },
    },
    from: { type: 'string' },
    to: { type: 'string' },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'procedure',
          'version',
          'current',
          'title',
          'sessions',
          'steps',
          'errors',
          'warnings',
          'rejected',
          'filed',
        ],
        properties: {
          procedure: { type: 'string' },
          version: { type: 'string' },
          current: { type: 'boolean', description: 'Whether this is the version served now.' },
          title: bilingual,
          sessions: {
            type: 'object',
            required: ['total', 'submitted', 'left', 'kiosk', 'online'],
            properties: {
              total: { type: 'integer' },
              submitted: { type: 'integer' },
              left: { type: 'integer' },
              kiosk: { type: 'integer' },
              online: { type: 'integer' },
            },
          },
          steps: {
            type: 'array',
            description: 'In the order of the definition, then "review".',
            items: {
              type: 'object',
              required: ['step', 'title', 'reached', 'left', 'dropOff', 'meanSeconds', 'help'],
              properties: {
                step: { type: 'string' },
                title: bilingual,
                reached: { type: 'integer' },
                left: { type: 'integer', description: 'Sessions that ended here, not submitted.' },
                dropOff: {
                  type: ['number', 'null'],
                  description: '`left` / `reached`; null when nobody reached it.',
                },
                meanSeconds: { type: ['number', 'null'] },
                help: { type: 'integer', description: 'Help asked for on this step.' },
              },
            },
          },
          errors: {
            type: 'array',
            description: 'Errors shown to citizens, most frequent first.',
            items: insightFieldCount,
          },
          warnings: {
            type: 'array',
            description: 'Warnings citizens confirmed, most frequent first.',
            items: insightFieldCount,
          },
          rejected: {
            type: 'object',
            required: ['dossiers', 'fields'],
            properties: {
              dossiers: {
                type: 'integer',
                description: 'Dossiers the server refused because their answers failed the rules.',
              },
              fields: { type: 'array', items: insightFieldCount },
            },
          },
          filed: { type: 'integer', description: 'Dossiers the server stored.' },
        },
      },
    },
  },
} as const;

/** Shared schemas, added to fastify with `addSchema` and referenced as `Name#`. */
export const sharedSchemas = [
  problemSchema,
  receiptSchema,
  dossierStatusSchema,
  catalogueSchema,
  ticketSchema,
  draftSchema,
  helpRequestSchema,
  declarationSchema,
  sharedDossierSchema,
  insightReportSchema,
];

/** A short, plain id: a procedure id, a counter, a kiosk, a step. */
export const shortId = { type: 'string', minLength: 1, maxLength: 100 } as const;
