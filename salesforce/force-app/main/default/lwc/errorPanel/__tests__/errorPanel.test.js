import { createElement } from '@lwc/engine-dom';
import ErrorPanel from 'c/errorPanel';

const APEX_ERROR = require('../../collectionsPanel/__tests__/data/apexError.json');

function createPanel(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the friendly message and each reduced error as an alert', async () => {
        const element = createPanel({ friendlyMessage: 'The collections panel hit a problem.', errors: [APEX_ERROR, new Error('Second problem')] });
        await Promise.resolve();

        const alert = element.shadowRoot.querySelector('[role="alert"]');
        expect(alert).not.toBeNull();
        expect(element.shadowRoot.querySelector('.friendly-message').textContent).toBe('The collections panel hit a problem.');
        expect([...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'Insufficient permissions: secure query included inaccessible field',
            'Second problem'
        ]);
    });

    it('renders CRM text as text, never as markup', async () => {
        const element = createPanel({ errors: { body: { message: '<img src=x onerror="alert(1)">Bad' } } });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('img')).toBeNull();
        expect(element.shadowRoot.querySelector('li').textContent).toBe('<img src=x onerror="alert(1)">Bad');
    });

    it('omits the list when there are no details', async () => {
        const element = createPanel({ errors: undefined });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('ul')).toBeNull();
        expect(element.shadowRoot.querySelector('.friendly-message').textContent).toBe('The collections panel could not load.');
    });

    it('is accessible', async () => {
        const element = createPanel({ errors: APEX_ERROR });
        await Promise.resolve();

        await expect(element).toBeAccessible();
    });
});
