/**
 * Renders the collection-strategy Custom Metadata types (objects/*__mdt) and the shipped default
 * strategy's records (customMetadata/*.md-meta.xml) from connector/salesforce/strategy-metadata.ts
 * and the domain's DEFAULT_STRATEGY, so the package, the sandbox's seed and the connector's reader
 * share one description (docs/decisions/0023). Pure; renderMetadata() includes these files, so
 * `npx tsx salesforce/scripts/generate-metadata.ts` writes them and the metadata test compares.
 */
import { DEFAULT_STRATEGY } from '../../connector/domain/strategy/defaults';
import { STRATEGY_METADATA_TYPES, STRATEGY_TYPES, strategyMetadataRecords } from '../../connector/salesforce/strategy-metadata';
import type { CmdtField, CmdtRecord, CmdtType } from '../../connector/salesforce/strategy-metadata';

const NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const el = (name: string, value: string | number | boolean, pad = '    '): string => `${pad}<${name}>${escapeXml(String(value))}</${name}>\n`;

function document(root: string, body: string, extraNamespaces = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}"${extraNamespaces}>\n${body}</${root}>\n`;
}

function renderType(type: CmdtType): string {
  return document('CustomObject', [
    el('description', type.description),
    el('label', type.label),
    el('pluralLabel', type.pluralLabel),
    el('visibility', 'Public'),
  ].join(''));
}

function renderField(field: CmdtField): string {
  const parts = [el('fullName', field.apiName), el('description', field.description), el('externalId', false)];
  // Subscriber-controlled: an admin in the customer's org may edit the shipped records' values.
  parts.push(el('fieldManageability', 'SubscriberControlled'), el('label', field.label));
  switch (field.type) {
    case 'Text':
      parts.push(el('length', field.length ?? 255), el('required', field.required ?? false), el('type', 'Text'), el('unique', false));
      break;
    case 'LongTextArea':
      parts.push(el('length', field.length ?? 32768), el('type', 'LongTextArea'), el('visibleLines', 5));
      break;
    case 'Number':
      parts.push(el('precision', field.precision ?? 18), el('required', field.required ?? false), el('scale', field.scale ?? 0), el('type', 'Number'), el('unique', false));
      break;
    case 'Picklist': {
      const values = (field.picklistValues ?? []).map((v) =>
        `            <value>\n${el('fullName', v, '                ')}${el('default', false, '                ')}${el('label', v, '                ')}            </value>\n`).join('');
      parts.push(el('required', field.required ?? false), el('type', 'Picklist'),
        `    <valueSet>\n${el('restricted', true, '        ')}        <valueSetDefinition>\n${el('sorted', false, '            ')}${values}        </valueSetDefinition>\n    </valueSet>\n`);
      break;
    }
    case 'MetadataRelationship':
      parts.push(el('referenceTo', field.referenceTo ?? ''), el('relationshipLabel', field.relationshipLabel ?? ''),
        el('relationshipName', (field.relationshipLabel ?? '').replace(/ /g, '_')), el('required', field.required ?? false), el('type', 'MetadataRelationship'), el('unique', false));
      break;
  }
  return document('CustomField', parts.join(''));
}

function renderRecord(record: CmdtRecord): string {
  const values = Object.entries(record.values).map(([field, value]) => {
    const rendered = value === null
      ? '        <value xsi:nil="true"/>\n'
      : `        <value xsi:type="xsd:${typeof value === 'number' ? 'double' : 'string'}">${escapeXml(String(value))}</value>\n`;
    return `    <values>\n${el('field', field, '        ')}${rendered}    </values>\n`;
  }).join('');
  return document('CustomMetadata', `${el('label', record.label)}${el('protected', false)}${values}`,
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
}

/** The strategy types and the default records, keyed by path under force-app/main/default. */
export function renderStrategyMetadata(): Map<string, string> {
  const files = new Map<string, string>();
  for (const type of STRATEGY_METADATA_TYPES) {
    files.set(`objects/${type.apiName}/${type.apiName}.object-meta.xml`, renderType(type));
    for (const field of type.fields) {
      files.set(`objects/${type.apiName}/fields/${field.apiName}.field-meta.xml`, renderField(field));
    }
  }
  for (const record of strategyMetadataRecords(DEFAULT_STRATEGY)) {
    const typeName = STRATEGY_TYPES[record.kind].replace(/__mdt$/, '');
    files.set(`customMetadata/${typeName}.${record.developerName}.md-meta.xml`, renderRecord(record));
  }
  return files;
}
