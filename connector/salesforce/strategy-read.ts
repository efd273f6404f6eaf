/**
 * Reads a collection strategy from its Custom Metadata records (strategy-metadata.ts) with SOQL on
 * the `__mdt` types, the way Apex and the REST API both can (Custom Metadata queries do not count
 * against SOQL limits in Apex; over REST they are one request each), then validates it with the
 * domain's strategy guards (`parseStrategy`). Nothing is defaulted: a missing strategy, an empty
 * value, an unknown contact level or a bad amount is a `configuration` error naming the record
 * (type and DeveloperName) and the field (docs/decisions/0015, 0023).
 */
import type { SalesforceClient, SalesforceRecord } from './client';
import { ConnectorError } from '../errors';
import { DomainValidationError } from '../domain/errors';
import { fromDecimalString } from '../domain/money';
import { parseStrategy } from '../domain/strategy/parse';
import type { Strategy } from '../domain/strategy/schema';
import { soqlString } from './soql';
import { STRATEGY_METADATA_TYPES, STRATEGY_TYPES } from './strategy-metadata';
import type { StrategyRecordKind } from './strategy-metadata';

/** Where a value of the assembled strategy came from, for error messages. */
interface Origin {
  kind: StrategyRecordKind;
  developerName: string;
}

const FIELD_OF: Record<StrategyRecordKind, Record<string, string>> = {
  strategy: { id: 'Key__c', name: 'Strategy_Name__c', currency: 'Currency__c', promiseToleranceDays: 'Promise_Tolerance_Days__c', planToleranceDays: 'Plan_Tolerance_Days__c', minGapDays: 'Min_Gap_Days__c', disputeSla: 'Dispute_Sla__c', contactLevels: 'Collection_Contact_Level__mdt', segments: 'Collection_Strategy_Segment__mdt' },
  contactLevel: { id: 'Key__c', label: 'Level_Label__c', roles: 'Roles__c', titleWords: 'Title_Words__c' },
  segment: {
    id: 'Key__c', name: 'Segment_Name__c', minAmountMinor: 'Min_Amount__c', maxAmountMinor: 'Max_Amount__c', risk: 'Risk_Ratings__c',
    countries: 'Countries__c', complianceProfiles: 'Compliance_Profiles__c', tiers: 'Tiers__c',
    match: 'Min_Amount__c / Max_Amount__c / Risk_Ratings__c / Countries__c / Compliance_Profiles__c / Tiers__c', steps: 'Collection_Strategy_Step__mdt',
  },
  step: { id: 'Key__c', label: 'Step_Label__c', offsetDays: 'Offset_Days__c', action: 'Action__c', templateId: 'Template_Id__c', contactLevel: 'Contact_Level__c' },
};

const LABEL: Record<StrategyRecordKind, string> = { strategy: 'strategy', contactLevel: 'contact level', segment: 'segment', step: 'step' };

function fieldsOf(kind: StrategyRecordKind): string[] {
  const type = STRATEGY_METADATA_TYPES.find((t) => t.kind === kind)!;
  return ['DeveloperName', ...type.fields.filter((f) => f.type !== 'MetadataRelationship').map((f) => f.apiName)];
}

function configurationError(origin: Origin, field: string, message: string, cause?: unknown): ConnectorError {
  const where = `${LABEL[origin.kind]} ${origin.developerName} (${STRATEGY_TYPES[origin.kind]})`;
  return new ConnectorError({
    kind: 'configuration',
    userMessage: `The collection strategy is set up wrongly: ${where}, field ${field}: ${message}`,
    detail: `${STRATEGY_TYPES[origin.kind]}.${origin.developerName}.${field}: ${message}`,
    fields: [`${STRATEGY_TYPES[origin.kind]}.${field}`],
    cause,
  });
}

/** A comma-separated list field → items (empty → undefined, so the domain sees "any"). */
function listOf(value: unknown): string[] | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  return String(value).split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** A value as given, except null/undefined stay undefined so the domain's guards name them missing. */
const given = (value: unknown): unknown => (value === null ? undefined : value);

async function all(client: SalesforceClient, soql: string): Promise<SalesforceRecord[]> {
  const records: SalesforceRecord[] = [];
  let page = await client.query(soql);
  records.push(...page.records);
  // Bounded: Custom Metadata types hold at most 10 million characters; a strategy is far below one page.
  for (let pages = 0; !page.done && page.nextRecordsUrl && pages < 100; pages++) {
    page = await client.queryMore(page.nextRecordsUrl);
    records.push(...page.records);
  }
  return records;
}

/**
 * The strategy whose Collection_Strategy__mdt DeveloperName is `developerName`, validated.
 * @throws ConnectorError `not_found` when there is no such record; `configuration` naming the
 * record and field when a record is incomplete or breaks a strategy rule.
 */
export async function readStrategy(client: SalesforceClient, developerName: string): Promise<Strategy> {
  const name = soqlString(developerName);
  const [strategies, levels, segments, steps] = [
    await all(client, `SELECT ${fieldsOf('strategy').join(', ')} FROM ${STRATEGY_TYPES.strategy} WHERE DeveloperName = ${name}`),
    await all(client, `SELECT ${fieldsOf('contactLevel').join(', ')} FROM ${STRATEGY_TYPES.contactLevel} WHERE Strategy__r.DeveloperName = ${name} ORDER BY Order__c, DeveloperName`),
    await all(client, `SELECT ${fieldsOf('segment').join(', ')} FROM ${STRATEGY_TYPES.segment} WHERE Strategy__r.DeveloperName = ${name} ORDER BY Order__c, DeveloperName`),
    await all(client, `SELECT ${fieldsOf('step').join(', ')}, Segment__r.DeveloperName FROM ${STRATEGY_TYPES.step} WHERE Segment__r.Strategy__r.DeveloperName = ${name} ORDER BY Offset_Days__c, DeveloperName`),
  ];
  const head = strategies[0];
  if (!head) {
    throw new ConnectorError({
      kind: 'not_found',
      userMessage: `There is no collection strategy named ${developerName} (${STRATEGY_TYPES.strategy}).`,
      detail: `${STRATEGY_TYPES.strategy}.${developerName} not found`,
    });
  }
  return strategyFromRecords(head, levels, segments, steps);
}

/** Assembles and validates a strategy from its records (exported for the tests of bad records). */
export function strategyFromRecords(head: SalesforceRecord, levels: readonly SalesforceRecord[], segments: readonly SalesforceRecord[], steps: readonly SalesforceRecord[]): Strategy {
  const origin = (kind: StrategyRecordKind, record: SalesforceRecord): Origin => ({ kind, developerName: String(record.DeveloperName) });
  const strategyOrigin = origin('strategy', head);
  const currency = String(head.Currency__c ?? '');
  const levelKeys = levels.map((level) => String(level.Key__c ?? ''));
  const origins = new Map<string, Origin>();
  origins.set('', strategyOrigin);
  levels.forEach((level, i) => origins.set(`contactLevels.${i}`, origin('contactLevel', level)));

  let disputeSla: unknown;
  if (typeof head.Dispute_Sla__c === 'string' && head.Dispute_Sla__c.trim() !== '') {
    try {
      disputeSla = JSON.parse(head.Dispute_Sla__c);
    } catch (error) {
      throw configurationError(strategyOrigin, 'Dispute_Sla__c', 'is not valid JSON', error);
    }
  }
  const input = {
    ...(disputeSla === undefined ? {} : { disputeSla }),
    id: given(head.Key__c),
    name: given(head.Strategy_Name__c),
    currency: given(head.Currency__c),
    pauses: { promiseToleranceDays: given(head.Promise_Tolerance_Days__c), planToleranceDays: given(head.Plan_Tolerance_Days__c), minGapDays: given(head.Min_Gap_Days__c) },
    contactLevels: levels.map((level) => ({ id: given(level.Key__c), label: given(level.Level_Label__c), roles: listOf(level.Roles__c), titleWords: listOf(level.Title_Words__c) ?? [] })),
    segments: segments.map((segment, s) => {
      const segmentOrigin = origin('segment', segment);
      origins.set(`segments.${s}`, segmentOrigin);
      const amount = (field: 'Min_Amount__c' | 'Max_Amount__c'): number | undefined => {
        const value = segment[field];
        if (value === null || value === undefined) {
          return undefined;
        }
        try {
          return fromDecimalString(String(value), currency).amountMinor;
        } catch (error) {
          throw configurationError(segmentOrigin, field, error instanceof DomainValidationError ? error.message : String(error), error);
        }
      };
      const own = steps.filter((step) => (step.Segment__r as SalesforceRecord | null)?.DeveloperName === segment.DeveloperName);
      return {
        id: given(segment.Key__c),
        name: given(segment.Segment_Name__c),
        match: dropUndefined({
          minAmountMinor: amount('Min_Amount__c'), maxAmountMinor: amount('Max_Amount__c'), risk: listOf(segment.Risk_Ratings__c),
          countries: listOf(segment.Countries__c), complianceProfiles: listOf(segment.Compliance_Profiles__c), tiers: listOf(segment.Tiers__c),
        }),
        steps: own.map((step, i) => {
          const stepOrigin = origin('step', step);
          origins.set(`segments.${s}.steps.${i}`, stepOrigin);
          const levelKey = step.Contact_Level__c;
          let contactLevel: number | undefined;
          if (levelKey !== null && levelKey !== undefined && levelKey !== '') {
            contactLevel = levelKeys.indexOf(String(levelKey));
            if (contactLevel < 0) {
              throw configurationError(stepOrigin, 'Contact_Level__c', `there is no contact level '${String(levelKey)}' in this strategy (levels: ${levelKeys.join(', ')})`);
            }
          }
          return dropUndefined({
            id: given(step.Key__c), label: given(step.Step_Label__c), offsetDays: given(step.Offset_Days__c), action: given(step.Action__c),
            templateId: step.Template_Id__c === '' ? undefined : given(step.Template_Id__c), contactLevel,
          });
        }),
      };
    }),
  };
  try {
    return parseStrategy(input);
  } catch (error) {
    if (!(error instanceof DomainValidationError)) {
      throw error;
    }
    const { at, field } = locate(error.field, origins);
    throw configurationError(at, field, error.message, error);
  }
}

/** The record and Custom Metadata field a dotted domain path (`segments.1.steps.2.templateId`) came from. */
function locate(path: string, origins: ReadonlyMap<string, Origin>): { at: Origin; field: string } {
  const parts = path.split('.');
  for (let n = parts.length; n >= 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    const at = origins.get(prefix);
    if (!at) {
      continue;
    }
    const rest = parts.slice(n).filter((p) => !/^\d+$/.test(p) && p !== 'match' && p !== 'pauses');
    const domainField = rest[0] ?? (parts[n - 1] === 'match' || parts[n] === 'match' ? 'match' : '');
    return { at, field: FIELD_OF[at.kind][domainField] ?? (domainField || 'DeveloperName') };
  }
  return { at: origins.get('')!, field: path };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
