/**
 * Collection strategies as Custom Metadata (docs/decisions/0023): four types, one record per
 * strategy, contact level, segment and step, so an admin edits a ladder in Setup and a package
 * upgrade ships new defaults. The one description of those types and fields: the package's XML
 * (salesforce/scripts/strategy-metadata.ts), the sandbox's seeded records (sandbox/schema.ts,
 * sandbox/seed) and the connector's reader (strategy-read.ts) all build on it.
 *
 * Values an admin types are in words and major units: a segment's amount band is a decimal in the
 * strategy's currency (not minor units), a step names its contact level by key (not an index),
 * lists are comma-separated. `strategyMetadataRecords` turns a domain strategy into records (the
 * shipped defaults); strategy-read.ts turns records back and validates them with the domain's
 * strategy guards (parseStrategy), so a bad record is an error naming the record and field.
 */
import type { Strategy } from '../domain/strategy/schema';
import { STRATEGY_ACTIONS } from '../domain/strategy/vocabulary';
import { money, toDecimalString } from '../domain/money';

/** API names of the four Custom Metadata types. */
export const STRATEGY_TYPES = {
  strategy: 'Collection_Strategy__mdt',
  contactLevel: 'Collection_Contact_Level__mdt',
  segment: 'Collection_Strategy_Segment__mdt',
  step: 'Collection_Strategy_Step__mdt',
} as const;
/** One of the four record kinds. */
export type StrategyRecordKind = keyof typeof STRATEGY_TYPES;

/** A Custom Metadata field (the types Custom Metadata allows that we use). */
export interface CmdtField {
  apiName: string;
  label: string;
  description: string;
  type: 'Text' | 'LongTextArea' | 'Number' | 'Picklist' | 'MetadataRelationship';
  length?: number;
  precision?: number;
  scale?: number;
  required?: boolean;
  picklistValues?: readonly string[];
  /** MetadataRelationship: the parent type and the relationship name (`Strategy__r`). */
  referenceTo?: string;
  relationshipLabel?: string;
}

/** A Custom Metadata type. */
export interface CmdtType {
  kind: StrategyRecordKind;
  apiName: string;
  label: string;
  pluralLabel: string;
  description: string;
  fields: readonly CmdtField[];
}

const key = (what: string): CmdtField => ({
  apiName: 'Key__c', label: 'Key', type: 'Text', length: 80, required: true,
  description: `The ${what}'s id inside its strategy (letters, digits, dot, dash or underscore); shown in error messages.`,
});
const words = (apiName: string, label: string, description: string): CmdtField => ({ apiName, label, type: 'Text', length: 120, required: true, description });
const list = (apiName: string, label: string, description: string): CmdtField => ({ apiName, label, type: 'Text', length: 255, description });
const days = (apiName: string, label: string, description: string, precision = 2): CmdtField => ({ apiName, label, type: 'Number', precision, scale: 0, required: true, description });
const order = (what: string): CmdtField => ({ apiName: 'Order__c', label: 'Order', type: 'Number', precision: 3, scale: 0, required: true, description: `Position of the ${what} in its strategy, lowest first.` });
const parent = (apiName: string, label: string, referenceTo: string, relationshipLabel: string): CmdtField => ({
  apiName, label, type: 'MetadataRelationship', referenceTo, relationshipLabel, required: true, description: `The ${label.toLowerCase()} this record belongs to.`,
});

/** The four types, parents first. */
export const STRATEGY_METADATA_TYPES: readonly CmdtType[] = [
  {
    kind: 'strategy', apiName: STRATEGY_TYPES.strategy, label: 'Collection Strategy', pluralLabel: 'Collection Strategies',
    description: 'A collection strategy: pause rules and the currency of its segment amounts; contact levels and segments hang off it.',
    fields: [
      key('strategy'),
      words('Strategy_Name__c', 'Strategy Name', 'The strategy\'s name as collectors read it.'),
      { apiName: 'Currency__c', label: 'Currency', type: 'Text', length: 3, required: true, description: 'ISO 4217 code of the segments\' amount bands.' },
      days('Promise_Tolerance_Days__c', 'Promise Tolerance Days', 'A pending promise pauses the ladder until its date plus these days (0 to 30).'),
      days('Plan_Tolerance_Days__c', 'Plan Tolerance Days', 'An active plan pauses the ladder while no instalment is more than these days late (0 to 30).'),
      days('Min_Gap_Days__c', 'Minimum Gap Days', 'At least these days between two contacts (0 to 30).'),
      {
        apiName: 'Dispute_Sla__c', label: 'Dispute SLA', type: 'LongTextArea', length: 32768,
        description: 'Optional: the dispute SLA policy (days for sales to answer, reminder and escalation steps) as JSON, validated by the domain; empty = none.',
      },
    ],
  },
  {
    kind: 'contactLevel', apiName: STRATEGY_TYPES.contactLevel, label: 'Collection Contact Level', pluralLabel: 'Collection Contact Levels',
    description: 'A rung of the customer\'s contact ladder (accounts payable clerk, manager, controller or CFO).',
    fields: [
      parent('Strategy__c', 'Strategy', STRATEGY_TYPES.strategy, 'Contact Levels'),
      key('contact level'),
      order('contact level'),
      words('Level_Label__c', 'Level Label', 'Who this level is, in words (e.g. accounts payable manager).'),
      { ...list('Roles__c', 'Roles', 'Comma-separated contact roles this level draws from: debtor, accounts_payable, estate_representative, attorney, guarantor, other.'), required: true },
      list('Title_Words__c', 'Title Words', 'Comma-separated words of which one must appear in the contact\'s title; empty takes any title.'),
    ],
  },
  {
    kind: 'segment', apiName: STRATEGY_TYPES.segment, label: 'Collection Strategy Segment', pluralLabel: 'Collection Strategy Segments',
    description: 'Which accounts a ladder takes; the first matching segment in order wins, the last must take everyone.',
    fields: [
      parent('Strategy__c', 'Strategy', STRATEGY_TYPES.strategy, 'Segments'),
      key('segment'),
      order('segment'),
      words('Segment_Name__c', 'Segment Name', 'The segment\'s name as collectors read it.'),
      { apiName: 'Min_Amount__c', label: 'Minimum Amount', type: 'Number', precision: 18, scale: 3, description: 'Collectable at least this much, in the strategy\'s currency (major units); empty = no lower bound.' },
      { apiName: 'Max_Amount__c', label: 'Maximum Amount', type: 'Number', precision: 18, scale: 3, description: 'Collectable below this much, in the strategy\'s currency (major units); empty = no upper bound.' },
      list('Risk_Ratings__c', 'Risk Ratings', 'Comma-separated risk ratings (low, medium, high); empty = any.'),
      list('Countries__c', 'Countries', 'Comma-separated ISO 3166-1 alpha-2 countries; empty = any.'),
      list('Compliance_Profiles__c', 'Compliance Profiles', 'Comma-separated compliance profile ids (e.g. us-fdcpa); empty = any.'),
      list('Tiers__c', 'Tiers', 'Comma-separated tiers: key, standard; empty = any.'),
    ],
  },
  {
    kind: 'step', apiName: STRATEGY_TYPES.step, label: 'Collection Strategy Step', pluralLabel: 'Collection Strategy Steps',
    description: 'One step of a segment\'s ladder, at a day offset from the due date (negative = before it).',
    fields: [
      parent('Segment__c', 'Segment', STRATEGY_TYPES.segment, 'Steps'),
      key('step'),
      words('Step_Label__c', 'Step Label', 'What the step is, in words.'),
      days('Offset_Days__c', 'Offset Days', 'Days from the due date of the oldest invoice on the ladder; negative = before it (-60 to 730).', 3),
      { apiName: 'Action__c', label: 'Action', type: 'Picklist', required: true, picklistValues: STRATEGY_ACTIONS, description: 'What the step does.' },
      { apiName: 'Template_Id__c', label: 'Template Id', type: 'Text', length: 80, description: 'E-mail or letter template (required for e-mails and letters, empty otherwise).' },
      { apiName: 'Contact_Level__c', label: 'Contact Level', type: 'Text', length: 80, description: 'Key of the contact level an e-mail, call or letter goes to (empty for internal steps).' },
    ],
  },
];

/** A field value as Custom Metadata returns it (SOQL JSON): text, number or empty. */
export type CmdtValue = string | number | null;

/** One Custom Metadata record: `DeveloperName` unique within its type, `values` by field API name. */
export interface CmdtRecord {
  kind: StrategyRecordKind;
  developerName: string;
  /** MasterLabel: at most 40 characters (Setup's list of records). */
  label: string;
  values: Record<string, CmdtValue>;
}

/** A DeveloperName from ids: letters, digits and single underscores, starting with a letter, ≤ 40. */
export function developerNameOf(...parts: string[]): string {
  const name = parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .split('_')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('_');
  const lettered = /^[A-Za-z]/.test(name) ? name : `S_${name}`;
  if (lettered.length > 40) {
    throw new Error(`Custom Metadata name ${lettered} is longer than 40 characters; shorten the ids`);
  }
  return lettered;
}

function disputeSlaOf(strategy: Strategy): string | null {
  const sla = (strategy as Strategy & { disputeSla?: unknown }).disputeSla;
  return sla === undefined ? null : JSON.stringify(sla);
}

const masterLabel = (text: string): string => (text.length <= 40 ? text : `${text.slice(0, 39)}…`);
const joined = (items: readonly string[] | undefined): string | null => (items && items.length > 0 ? items.join(', ') : null);

/**
 * The records of one strategy (the package's defaults and the sandbox's seed): strategy, contact
 * levels, segments, steps. Relationship fields hold the parent's DeveloperName.
 */
export function strategyMetadataRecords(strategy: Strategy): CmdtRecord[] {
  const strategyName = developerNameOf(strategy.id);
  const amount = (minor: number | undefined): number | null => (minor === undefined ? null : Number(toDecimalString(money(minor, strategy.currency))));
  const records: CmdtRecord[] = [{
    kind: 'strategy', developerName: strategyName, label: masterLabel(strategy.name),
    values: {
      Key__c: strategy.id, Strategy_Name__c: strategy.name, Currency__c: strategy.currency,
      Promise_Tolerance_Days__c: strategy.pauses.promiseToleranceDays, Plan_Tolerance_Days__c: strategy.pauses.planToleranceDays,
      Min_Gap_Days__c: strategy.pauses.minGapDays,
      // Parts of a strategy with no record type of their own travel as validated JSON (the dispute SLA, issue 19).
      Dispute_Sla__c: disputeSlaOf(strategy),
    },
  }];
  strategy.contactLevels.forEach((level, i) => {
    records.push({
      kind: 'contactLevel', developerName: developerNameOf(strategy.id, level.id), label: masterLabel(level.label),
      values: { Strategy__c: strategyName, Key__c: level.id, Order__c: i + 1, Level_Label__c: level.label, Roles__c: joined(level.roles), Title_Words__c: joined(level.titleWords) },
    });
  });
  strategy.segments.forEach((segment, i) => {
    const segmentName = developerNameOf(segment.id);
    records.push({
      kind: 'segment', developerName: segmentName, label: masterLabel(segment.name),
      values: {
        Strategy__c: strategyName, Key__c: segment.id, Order__c: i + 1, Segment_Name__c: segment.name,
        Min_Amount__c: amount(segment.match.minAmountMinor), Max_Amount__c: amount(segment.match.maxAmountMinor),
        Risk_Ratings__c: joined(segment.match.risk), Countries__c: joined(segment.match.countries),
        Compliance_Profiles__c: joined(segment.match.complianceProfiles), Tiers__c: joined(segment.match.tiers),
      },
    });
    for (const step of segment.steps) {
      records.push({
        kind: 'step', developerName: developerNameOf(segment.id, step.id), label: masterLabel(step.label),
        values: {
          Segment__c: segmentName, Key__c: step.id, Step_Label__c: step.label, Offset_Days__c: step.offsetDays, Action__c: step.action,
          Template_Id__c: step.templateId ?? null,
          Contact_Level__c: step.contactLevel === undefined ? null : (strategy.contactLevels[step.contactLevel]?.id ?? null),
        },
      });
    }
  });
  return records;
}
