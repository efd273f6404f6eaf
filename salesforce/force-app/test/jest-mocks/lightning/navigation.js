/**
 * lightning/navigation for Jest, in the lwc-recipes shape: NavigationMixin records the page
 * reference it was asked to navigate to; getNavigateCalledWith() reads it back.
 */
export const CurrentPageReference = jest.fn();

let navigatedTo;
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigatedTo = { pageReference, replace };
        }
        [GenerateUrl](pageReference) {
            navigatedTo = { pageReference };
            return Promise.resolve('/lightning/r/' + pageReference.attributes.recordId + '/view');
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const getNavigateCalledWith = () => navigatedTo;
