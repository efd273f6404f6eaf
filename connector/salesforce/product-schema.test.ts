import { describe, expect, it } from 'vitest';
import { renderField } from '../../salesforce/scripts/metadata';
import { PRODUCT_OBJECTS, productObject } from './product-schema';
import type { ProductField } from './product-schema';

const instalments = productObject('Plan_Instalment__c');
const masterField = instalments.fields.find((f) => f.apiName === 'Payment_Plan__c') as ProductField;

describe('product schema: master-detail reparenting', () => {
  it('keeps Plan_Instalment__c.Payment_Plan__c non-reparentable (instalments are only created under their plan)', () => {
    expect(masterField.type).toBe('MasterDetail');
    expect(masterField.reparentable).toBeUndefined();
    expect(renderField(instalments, masterField)).toContain('<reparentableMasterDetail>false</reparentableMasterDetail>');
  });

  it('the generator emits <reparentableMasterDetail>true</reparentableMasterDetail> when a field asks for it', () => {
    const xml = renderField(instalments, { ...masterField, reparentable: true });
    expect(xml).toContain('<reparentableMasterDetail>true</reparentableMasterDetail>');
    expect(xml).not.toContain('<reparentableMasterDetail>false</reparentableMasterDetail>');
  });

  it('refuses reparentable on anything but a master-detail field', () => {
    const lookup = productObject('Payment_Plan__c').fields.find((f) => f.type === 'Lookup') as ProductField;
    expect(() => renderField(productObject('Payment_Plan__c'), { ...lookup, reparentable: false })).toThrow(/MasterDetail fields only/);
    expect(PRODUCT_OBJECTS.flatMap((o) => o.fields).filter((f) => f.reparentable !== undefined && f.type !== 'MasterDetail')).toEqual([]);
  });
});
