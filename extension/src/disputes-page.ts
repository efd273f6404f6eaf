/**
 * The extension's "Disputes waiting for me" page (disputes.html?org=…&lightning=…, issue 19), opened
 * from the dock: the widget's disputes view over what the service worker reads as the signed-in user
 * ('disputes-read': their id from userinfo, never from this page) and answers ('dispute-answer',
 * through the REST port, write-once by key).
 */
import { mount } from '../../widget/src/disputes/index';
import type { AnswerDisputeInput, OwnerDisputeList, WriteResult } from '../../connector/port';
import { askWorker, pageParams, showStatus } from './page-ask';

interface DisputesPageData {
  userId: string;
  list: OwnerDisputeList;
}

/** A worker failure in the words the view shows (it reads `userMessage`). */
function inWords(error: unknown): { userMessage: string } {
  return { userMessage: error instanceof Error ? error.message : 'The request could not be completed.' };
}

async function main(): Promise<void> {
  const params = pageParams();
  if (!params) {
    showStatus('Open your disputes from a Salesforce page (the Collections dock).', true);
    return;
  }
  const orgKey = params.orgKey;
  showStatus('Reading the disputes waiting for you…');
  let first: DisputesPageData;
  try {
    first = (await askWorker({ kind: 'disputes-read', orgKey })) as DisputesPageData;
  } catch (error) {
    showStatus(inWords(error).userMessage, true);
    return;
  }
  showStatus('');
  // The first list is the one just read; after an answer the view asks again and the worker reads afresh.
  let pending: OwnerDisputeList | null = first.list;
  mount(document.getElementById('disputes')!, {
    userId: first.userId,
    port: {
      async listDisputesForOwner() {
        if (pending) {
          const list = pending;
          pending = null;
          return list;
        }
        try {
          return ((await askWorker({ kind: 'disputes-read', orgKey })) as DisputesPageData).list;
        } catch (error) {
          throw inWords(error);
        }
      },
      async answerDispute(input: AnswerDisputeInput) {
        try {
          return (await askWorker({ kind: 'dispute-answer', orgKey, input })) as WriteResult;
        } catch (error) {
          throw inWords(error);
        }
      },
    },
  });
}

void main();
