/**
 * Flattens the error shapes LWC code receives (Lightning Data Service / UI API, Apex, JS errors,
 * or arrays of them) into readable strings, after lwc-recipes `ldsUtils.reduceErrors`.
 *
 * Handled shapes:
 * - UI API DML errors: `{ body: { output: { errors: [{ message }], fieldErrors: { Field: [{ message }] } } } }`
 * - UI API read errors: `{ body: [{ message }] }`
 * - Apex / network errors: `{ body: { message } }`, `{ body: { pageErrors: [{ message }] } }`
 * - JS errors: `{ message }`; plain strings
 * @param {unknown} errors one error or an array of errors
 * @returns {string[]} non-empty messages, in order
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => error != null)
        .flatMap((error) => messagesOf(error))
        .filter((message) => typeof message === 'string' && message.length > 0);
}

function messagesOf(error) {
    if (typeof error === 'string') {
        return [error];
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((e) => e && e.message);
    }
    if (body && typeof body === 'object') {
        const messages = [];
        if (Array.isArray(body.pageErrors)) {
            messages.push(...body.pageErrors.map((e) => e && e.message));
        }
        if (body.fieldErrors && typeof body.fieldErrors === 'object') {
            Object.values(body.fieldErrors).forEach((fieldErrors) => {
                if (Array.isArray(fieldErrors)) {
                    messages.push(...fieldErrors.map((e) => e && e.message));
                }
            });
        }
        const output = body.output;
        if (output && Array.isArray(output.errors)) {
            messages.push(...output.errors.map((e) => e && e.message));
        }
        if (output && output.fieldErrors && typeof output.fieldErrors === 'object') {
            Object.values(output.fieldErrors).forEach((fieldErrors) => {
                if (Array.isArray(fieldErrors)) {
                    messages.push(...fieldErrors.map((e) => e && e.message));
                }
            });
        }
        if (messages.length === 0 && isText(body.message)) {
            messages.push(body.message);
        }
        const readable = messages.filter(isText);
        if (readable.length > 0) {
            return readable;
        }
    }
    if (isText(error.message)) {
        return [error.message];
    }
    // Never an empty error view: say that something failed even without details.
    return [isText(error.statusText) ? error.statusText : 'Unknown error'];
}

function isText(value) {
    return typeof value === 'string' && value.length > 0;
}
