/**
 * The record converters (domain JSON → table row, private.*_from_json) written from ONE table of fields per collection,
 * instead of ten hand-written mirrors of the zod schemas. `renderRecordConverters()` is the text of
 * supabase/migrations/20250601000700_record_converters.sql; `npx tsx supabase/scripts/generateConverters.ts` writes it,
 * and supabase/tests/recordConverters.test.ts fails when the committed file is stale or when a field list here and its
 * zod schema (src/domain) disagree on the keys or on which are optional.
 *
 * A field's column is its name in snake_case (householdSize → household_size). How a field is read:
 *   text   a JSON string (domains and CHECKs of the column do the rest: record_id, record_name, house number, TERYT)
 *   int    a JSON number without fraction
 *   date   a JSON string YYYY-MM-DD that exists (private.iso_date)
 *   list   a JSON array of strings (enum[] and domain[] columns check the elements)
 *   enum   a JSON string cast to the enum type
 *   geometry  GeoJSON of the given types (Polygon also becomes a one-part MultiPolygon)
 *   needs, leaderCandidate  the survey response's nested parts (needs go to survey_response_needs)
 */

type FieldKind =
  | { kind: 'text' | 'int' | 'date' | 'list' | 'needs' | 'leaderCandidate' }
  | { kind: 'enum'; type: string }
  | { kind: 'geometry'; types: readonly string[] };

export interface FieldSpec {
  readonly read: FieldKind;
  readonly optional: boolean;
}

export interface ConverterSpec {
  /** The workspace collection (src/domain/workspace.ts COLLECTION_NAMES), or 'organisation'. */
  readonly collection: string;
  readonly table: string;
  /** Name of the converter without the _from_json suffix. */
  readonly name: string;
  /** The zod schema's name and file, for the function's comment. */
  readonly schema: string;
  readonly file: string;
  /** Added to the function's comment. */
  readonly note?: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Columns stamped by the converter after the fields: the caller (created_by) and the time (created_at). */
  readonly stamps?: readonly ('created_by' | 'created_at')[];
}

const field = (read: FieldKind, optional = false): FieldSpec => ({ read, optional });
const text = field({ kind: 'text' });
const int = field({ kind: 'int' });
const date = field({ kind: 'date' });
const list = field({ kind: 'list' });
const enumOf = (type: string) => field({ kind: 'enum', type });
const geometry = (...types: string[]) => field({ kind: 'geometry', types });
const optional = (spec: FieldSpec): FieldSpec => ({ ...spec, optional: true });

/** The converters in the order of the migration; fields in the order of the zod schemas. */
export const RECORD_CONVERTERS: readonly ConverterSpec[] = [
  {
    collection: 'organisation', table: 'organisations', name: 'organisation', schema: 'Organisation', file: 'organisation.ts',
    note: 'errors name the field', stamps: ['created_at'],
    fields: { id: text, name: text, kind: enumOf('organisation_kind'), gminaTeryt: text, town: text },
  },
  {
    collection: 'areas', table: 'areas', name: 'area', schema: 'Area', file: 'area.ts', note: 'a Polygon becomes a one-part MultiPolygon',
    fields: { id: text, name: text, kind: enumOf('area_kind'), parentId: optional(text), geometry: geometry('Polygon', 'MultiPolygon') },
  },
  {
    collection: 'streets', table: 'streets', name: 'street', schema: 'Street', file: 'street.ts',
    fields: { id: text, prefix: enumOf('street_prefix'), name: text, geometry: geometry('MultiLineString') },
  },
  {
    collection: 'addresses', table: 'addresses', name: 'address', schema: 'Address', file: 'address.ts',
    fields: { id: text, streetId: text, houseNumber: text, location: geometry('Point'), households: optional(int), residents: optional(int) },
  },
  {
    collection: 'campaigns', table: 'campaigns', name: 'campaign', schema: 'SurveyCampaign', file: 'survey.ts',
    fields: {
      id: text, name: text, areaIds: list, startDate: date, endDate: date, householdsTargeted: int, method: enumOf('survey_method'), wave: int,
    },
  },
  {
    collection: 'responses', table: 'survey_responses', name: 'survey_response', schema: 'SurveyResponse', file: 'survey.ts',
    note: '(needs: see survey_response_needs_from_json); created_by is the caller', stamps: ['created_by', 'created_at'],
    fields: {
      id: text, campaignId: text, addressId: optional(text), streetId: optional(text), location: optional(geometry('Point')), date, householdSize: int,
      needs: field({ kind: 'needs' }), nuisances: list, offers: list, leaderCandidate: optional(field({ kind: 'leaderCandidate' })),
    },
  },
  {
    collection: 'resources', table: 'resources', name: 'resource', schema: 'Resource', file: 'resource.ts',
    fields: {
      id: text, name: text, kind: enumOf('resource_kind'), location: geometry('Point'), address: optional(text), serves: list,
      partnershipDeclaredOn: optional(date), coalitions: list,
    },
  },
  {
    collection: 'groups', table: 'groups', name: 'group', schema: 'Group', file: 'group.ts',
    fields: {
      id: text, name: text, kind: enumOf('group_kind'), meetingPlaceId: optional(text), location: geometry('Point'), targetNeeds: list,
      activeFrom: int, activeTo: optional(int),
    },
  },
  {
    collection: 'programmes', table: 'programmes', name: 'programme', schema: 'Programme', file: 'programme.ts',
    fields: {
      id: text, name: text, yearFrom: int, yearTo: int, targetAreaId: optional(text), targetGeometry: geometry('Polygon', 'MultiPolygon'),
      goals: list, partnerIds: list,
    },
  },
  {
    collection: 'events', table: 'events', name: 'event', schema: 'LocalEvent', file: 'event.ts',
    fields: {
      id: text, name: text, kind: enumOf('event_kind'), date, location: geometry('Point'), placeName: text, programme: list, participants: int,
    },
  },
];

/** The converter of a workspace collection (areas, streets, …, responses). */
export function converterOf(collection: string): ConverterSpec {
  const spec = RECORD_CONVERTERS.find((c) => c.collection === collection);
  if (!spec) throw new Error(`no converter for collection ${collection}`);
  return spec;
}

export const columnOf = (fieldName: string): string => fieldName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** PL/pgSQL lines that read one field into res.<column>; f names the field for errors. */
function readField(name: string, spec: FieldSpec): string[] {
  const column = columnOf(name);
  const read = spec.read;
  switch (read.kind) {
    case 'text':
      return [`  f := '${name}'; res.${column} := private.json_text(r -> f, f);`];
    case 'int':
      return [`  f := '${name}'; res.${column} := private.json_int(r -> f, f);`];
    case 'date':
      return [`  f := '${name}'; res.${column} := private.iso_date(private.json_text(r -> f, f));`];
    case 'list':
      return [`  f := '${name}'; res.${column} := private.json_text_array(r -> f, f);`];
    case 'enum':
      return [`  f := '${name}'; res.${column} := private.json_text(r -> f, f)::public.${read.type};`];
    case 'geometry': {
      const wrongType = read.types.map((t) => `(r -> f ->> 'type') is distinct from '${t}'`).join(' and ');
      return [
        `  f := '${name}';`,
        `  if ${spec.optional ? 'r ? f and ' : ''}${wrongType} then`,
        `    raise exception '${name} must be a GeoJSON ${read.types.join(' or ')}' using errcode = '22023';`,
        '  end if;',
        `  res.${column} := private.json_geometry(r -> f, f${read.types.includes('Polygon') ? ', true' : ''});`,
      ];
    }
    case 'needs':
      // The answers themselves become rows of survey_response_needs (survey_response_needs_from_json).
      return [
        `  f := '${name}';`,
        '  if pg_catalog.jsonb_typeof(r -> f) <> \'array\' then',
        `    raise exception '${name} must be a list' using errcode = '22023';`,
        '  end if;',
        '  if pg_catalog.jsonb_array_length(r -> f) > 12 then',
        `    raise exception '${name} may list at most 12 categories' using errcode = '22023';`,
        '  end if;',
      ];
    case 'leaderCandidate':
      return [
        `  f := '${name}';`,
        '  leader := r -> f;',
        '  if leader is not null and pg_catalog.jsonb_typeof(leader) <> \'null\' then',
        `    perform private.json_check_keys(leader, '{consent,interests}', '{consent,interests}', '${name}.');`,
        '    if leader -> \'consent\' is distinct from \'true\'::jsonb then',
        `      f := '${name}.consent';`,
        '      raise exception \'a leader candidate is recorded only with consent\' using errcode = \'22023\';',
        '    end if;',
        `    f := '${name}.interests';`,
        '    res.leader_interests := private.json_text_array(leader -> \'interests\', f);',
        '  end if;',
      ];
  }
}

/** perform private.json_check_keys(r, allowed, required, ''), wrapped where a line would pass 140 characters. */
function checkKeys(spec: ConverterSpec): string[] {
  const names = Object.keys(spec.fields);
  const allowed = `'{${names.join(',')}}'`;
  const required = `'{${names.filter((n) => !spec.fields[n]!.optional).join(',')}}'`;
  const oneLine = `  perform private.json_check_keys(r, ${allowed}, ${required}, '');`;
  if (oneLine.length <= 140) return [oneLine];
  const head = `  perform private.json_check_keys(r, ${allowed},`;
  if (head.length <= 120) return [head, `    ${required}, '');`];
  return ['  perform private.json_check_keys(r,', `    ${allowed},`, `    ${required}, '');`];
}

function renderConverter(spec: ConverterSpec): string {
  const fn = `private.${spec.name}_from_json`;
  const ofOrganisation = spec.collection !== 'organisation';
  const stamps = { created_by: '  res.created_by := auth.uid();', created_at: '  res.created_at := pg_catalog.now();' };
  const hasLeader = Object.values(spec.fields).some((f) => f.read.kind === 'leaderCandidate');
  const note = spec.note ? (spec.note.startsWith('(') ? ` ${spec.note}` : `; ${spec.note}`) : '';
  return [
    `create function ${fn}(${ofOrganisation ? 'organisation text, ' : ''}r jsonb) returns public.${spec.table}`,
    'language plpgsql stable',
    "set search_path = ''",
    'as $$',
    'declare',
    `  res public.${spec.table};`,
    "  f text := '(record)';",
    '  st text; msg text; col text; con text;',
    ...(hasLeader ? ['  leader jsonb;'] : []),
    'begin',
    ...checkKeys(spec),
    ...(ofOrganisation ? ['  res.organisation_id := organisation;'] : []),
    ...Object.entries(spec.fields).flatMap(([name, f]) => readField(name, f)),
    ...(spec.stamps ?? []).map((s) => stamps[s]),
    '  return res;',
    'exception when others then',
    '  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;',
    '  perform private.raise_field_error(st, msg, col, con, f);',
    '  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)',
    'end',
    '$$;',
    `comment on function ${fn}(${ofOrganisation ? 'text, ' : ''}jsonb) is '${spec.schema} JSON (src/domain/${spec.file}) to a row of public.${spec.table}${note}.';`,
  ].join('\n');
}

/** The one child converter: a response's need answers as rows, errors naming needs.<i>.<field>. */
const NEEDS_CONVERTER = `create function private.survey_response_needs_from_json(organisation text, r jsonb) returns setof public.survey_response_needs
language plpgsql stable
set search_path = ''
as $$
declare
  res public.survey_response_needs;
  answer jsonb;
  i integer := 0;
  f text := 'needs';
  st text; msg text; col text; con text;
  severity integer;
begin
  for answer in select e from pg_catalog.jsonb_array_elements(r -> 'needs') e loop
    f := 'needs.' || i;
    perform private.json_check_keys(answer, '{category,severity}', '{category,severity}', f || '.');
    res.organisation_id := organisation;
    res.response_id := private.json_text(r -> 'id', 'id');
    f := 'needs.' || i || '.category'; res.category := private.json_text(answer -> 'category', f)::public.need_category;
    f := 'needs.' || i || '.severity';
    severity := private.json_int(answer -> 'severity', f);
    if severity not between 1 and 3 then
      raise exception 'severity must be 1, 2 or 3' using errcode = '23514';
    end if;
    res.severity := severity;
    return next res;
    i := i + 1;
  end loop;
  return;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
end
$$;
comment on function private.survey_response_needs_from_json(text, jsonb) is 'The needs of a SurveyResponse JSON as rows of public.survey_response_needs; errors name needs.<i>.<field>.';`;

/** private.collection_table: collection name → table and converter, from the same list. */
function renderCollectionTable(): string {
  const rows = RECORD_CONVERTERS.filter((c) => c.collection !== 'organisation')
    .map((c) => `    ('${c.collection}', '${c.table}', '${c.name}_from_json')`);
  return `-- Collection name (src/domain/workspace.ts COLLECTION_NAMES) -> table and converter.
create function private.collection_table(collection text) returns table (table_name text, converter text)
language sql immutable
set search_path = ''
as $$
  select v.table_name, v.converter
  from (values
${rows.join(',\n')}
  ) as v (collection, table_name, converter)
  where v.collection = collection_table.collection
$$;
comment on function private.collection_table(text) is 'The table and the JSON converter of a workspace collection name (areas, streets, ..., responses -> survey_responses).';`;
}

/** The whole migration file. */
export function renderRecordConverters(): string {
  return [
    '-- Generated by supabase/scripts/generateConverters.ts from the field table in supabase/scripts/recordConverters.ts;',
    '-- do not edit by hand. One converter per collection: domain JSON record -> table row, strictly (unknown keys, JSON',
    '-- types, enums, dates, GeoJSON), with errors whose COLUMN is the record\'s field (helpers: 20250601000600).',
    '',
    ...RECORD_CONVERTERS.flatMap((spec) => [renderConverter(spec), '']),
    NEEDS_CONVERTER,
    '',
    renderCollectionTable(),
    '',
  ].join('\n');
}
