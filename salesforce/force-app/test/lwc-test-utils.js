// Shared set-up for the LWC Jest tests (test-only: .forceignore keeps force-app/test/** out of every deploy).

/** Lets the component's promise chains (loadScript, Apex, mount) run: `rounds` microtask turns. */
export async function flushPromises(rounds = 5) {
    for (let i = 0; i < rounds; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

/** After each test: the page emptied, the named static-resource globals removed, the mocks' calls cleared. */
export function resetPage(...globals) {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    for (const name of globals) {
        delete window[name];
    }
    jest.clearAllMocks();
}
