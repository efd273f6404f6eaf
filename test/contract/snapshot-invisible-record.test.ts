/**
 * The panel's `ctx` subrequest is an sObject Rows GET (decision 0028). A record the user may not see
 * can answer 403 INSUFFICIENT_ACCESS(_OR_READONLY), and a deleted one ENTITY_IS_DELETED, besides the
 * usual 404 NOT_FOUND: every one of them is the same "record not found or not visible" for the
 * collector, not a configuration problem. Other errors keep their own kind. msw in front of the
 * sandbox's in-process org, with the composite's `ctx` answer replaced as Salesforce would send it.
 */
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CompositeResponse } from '../../connector/salesforce/client';
import { createSalesforcePort } from '../../connector/salesforce/rest-port';
import { contractDataset, DATASET_NOW, IDS } from './dataset';
import { createMswBackend } from './msw-backend';
import type { MswBackend } from './msw-backend';

const V = '/services/data/v66.0';
let backend: MswBackend;
beforeAll(async () => {
  backend = createMswBackend({ instanceUrl: 'https://invisible.my.salesforce.com' });
  await backend.seed(contractDataset());
});
afterAll(async () => backend.close());
beforeEach(() => backend.resetHandlers());

/** The org answers the composite, then `ctx` fails as given and its dependants halt on the reference, as in Salesforce. */
function ctxAnswers(status: number, errorCode: string, message: string): void {
  backend.use(http.post(`${backend.instanceUrl}${V}/composite`, async ({ request }) => {
    const answer = (await (await backend.org.inProcess.handle(request)).json()) as CompositeResponse;
    return HttpResponse.json({
      compositeResponse: answer.compositeResponse.map((sub) => sub.referenceId === 'ctx'
        ? { ...sub, httpStatusCode: status, body: [{ errorCode, message }] }
        : { ...sub, httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified. No value for ctx.AccountId found in ctx.' }] }),
    });
  }, { once: true }));
}

const loadContact = () =>
  createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW }).loadSnapshot({ id: IDS.contactAp });

describe("the panel's record the user may not see, or that was deleted", () => {
  it('the org answers the unchanged request (the replaced answers below are the only difference)', async () => {
    expect((await loadContact()).account.id).toBe(IDS.account);
  });

  it.each([
    [403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'],
    [403, 'INSUFFICIENT_ACCESS', 'You do not have access to this record.'],
    [400, 'ENTITY_IS_DELETED', 'entity is deleted'],
    [404, 'ENTITY_IS_DELETED', 'entity is deleted'],
    [404, 'NOT_FOUND', 'The requested resource does not exist'],
  ])('HTTP %i %s is "record not found or not visible"', async (status, errorCode, message) => {
    ctxAnswers(status, errorCode, message);
    await expect(loadContact()).rejects.toMatchObject({ kind: 'not_found', message: 'record not found or not visible' });
  });

  it('other errors keep their own kind (a missing mapped field is a configuration problem)', async () => {
    ctxAnswers(400, 'INVALID_FIELD', "No such column 'AccountId' on entity 'Contact'.");
    await expect(loadContact()).rejects.toMatchObject({ kind: 'configuration', crmCode: 'INVALID_FIELD' });
    ctxAnswers(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    await expect(loadContact()).rejects.not.toMatchObject({ kind: 'not_found' });
  });
});
