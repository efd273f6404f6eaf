// Registers `expect(element).toBeAccessible()` (axe-core via @sa11y/jest), as lwc-recipes does.
import { registerSa11yMatcher } from '@sa11y/jest';

registerSa11yMatcher();
