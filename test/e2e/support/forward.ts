/**
 * Answers a request the browser made to a Salesforce host (routed by Playwright) from the sandbox: the same
 * method, path, query, headers (less Host) and body, and the sandbox's status, headers and body back.
 */
import type { Route } from 'playwright-core';

export async function forwardToSandbox(route: Route, sandboxUrl: string): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const headers = { ...(await request.allHeaders()) };
  delete headers.host;
  const response = await fetch(`${sandboxUrl}${url.pathname}${url.search}`, {
    method: request.method(),
    headers,
    ...(request.method() === 'GET' || request.method() === 'HEAD' ? {} : { body: request.postData() ?? '' }),
  });
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: Buffer.from(await response.arrayBuffer()),
  });
}
